import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { dailySeries, occupancyPercent, reportWindows } from '../domain/report-windows';
import { dashboardRepository } from '../repositories/dashboard';
import { paymentsPort } from './payments-port';
import { loadParameters } from './policy';
import { reply } from '../../../../../platform/reply';

const OCCUPANCY_DAYS = 7;
const REVENUE_DAYS = 30;

/**
 * The dashboard: right now per room, today's counts, money for today / 7 / 30 days (from the payments
 * plugin through the port), the queues waiting for staff and two charts. Every figure is a SQL aggregate.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repo = dashboardRepository(strapi);
  const payments = paymentsPort(strapi);

  async function occupancy(rooms: { id: number; documentId: string; name: string }[], seats: Map<number, number>, fromLocalMidnight: Date) {
    const firstSec = Math.floor(fromLocalMidnight.getTime() / 1000);
    const buckets = Array.from({ length: OCCUPANCY_DAYS * 24 }, (_, i) => ({ startSec: firstSec + i * 3600, hour: i % 24 }));
    const booked = await repo.bookedSecondsByRoomAndHour(buckets);
    const byRoom = new Map<number, number[]>();
    for (const r of booked) {
      const hours = byRoom.get(r.roomId) ?? new Array(24).fill(0);
      hours[r.hour] += r.seconds;
      byRoom.set(r.roomId, hours);
    }
    return {
      days: OCCUPANCY_DAYS,
      rooms: rooms.map((room) => ({
        id: room.documentId,
        name: room.name,
        percent: (byRoom.get(room.id) ?? new Array(24).fill(0)).map((secs) => occupancyPercent(secs / 60, seats.get(room.id) ?? 0, OCCUPANCY_DAYS * 60)),
      })),
    };
  }

  return {
    async overview() {
      const params = await loadParameters(strapi);
      const w = reportWindows(clock.now(), params.store_timezone);
      const [rooms, seats, now, today, money, owed, refundRequests, appeals] = await Promise.all([
        repo.rooms(),
        repo.enabledSeatsPerRoom(),
        repo.seatsNowByRoom(w.now),
        repo.dayCounts(w.todayStart, w.todayEnd),
        payments.reports.moneySummary([
          { from: w.todayStart, to: w.todayEnd },
          { from: w.last7Start, to: w.todayEnd },
          { from: w.last30Start, to: w.todayEnd },
        ]),
        payments.reports.walletTotals(),
        payments.reports.pendingRefundRequests(),
        repo.openAppeals(),
      ]);
      const taken = (roomId: number, statuses: string[]) => now.filter((n) => n.roomId === roomId && statuses.includes(n.status)).reduce((sum, n) => sum + n.seats, 0);
      return reply({
        generatedAt: w.now.toISOString(),
        timezone: params.store_timezone,
        rooms: rooms.map((r) => {
          const total = seats.get(r.id) ?? 0;
          const inUse = taken(r.id, ['checked_in']);
          const held = taken(r.id, ['pending_payment', 'confirmed']);
          return { id: r.documentId, name: r.name, kind: r.kind, state: r.state, seats: total, inUse, held, free: Math.max(0, total - inUse - held) };
        }),
        today: { bookings: today.bookings, checkIns: today.checkIns, noShows: today.noShows, cancellations: today.cancellations },
        money: { today: money[0], last7Days: money[1], last30Days: money[2] },
        owed,
        queues: { refundRequests: refundRequests.withdraw + refundRequests.dispute, refundRequestsByKind: refundRequests, appeals, offlinePayments: today.pendingOffline },
      });
    },

    async charts() {
      const params = await loadParameters(strapi);
      const w = reportWindows(clock.now(), params.store_timezone);
      const [rooms, seats, daily] = await Promise.all([
        repo.rooms(),
        repo.enabledSeatsPerRoom(),
        payments.reports.dailyMoneyIn({ from: w.last30Start, offsetSeconds: w.offsetSeconds }),
      ]);
      const fromDay = w.todayNumber - (REVENUE_DAYS - 1);
      const revenue = dailySeries(fromDay, w.todayNumber, new Map([...daily].map(([d, fen]) => [d, { inFen: fen }])), { inFen: 0 });
      return reply({ timezone: params.store_timezone, occupancy: await occupancy(rooms, seats, w.last7Start), revenue });
    },
  };
};
