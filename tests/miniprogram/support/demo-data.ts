/**
 * Realistic demo data in the API's shapes (taken from the demo seeds), shared by the page-logic tests
 * and the screenshots.
 */
import fs from 'fs';
import path from 'path';
import type { Announcement, Booking, Coupon, LedgerRow, MembershipTier, PublicSettings, RechargePackage, RefundRequest, RoomDetail, RoomSummary, SeatAvailability } from '../../../miniprogram/services/types';

/** The demo seed's own room photos, inlined as data URLs so rendered pages show them without a server. */
function seedPhoto(file: string): { url: string } {
  const bytes = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'seeds', 'room-photos', file));
  return { url: `data:image/jpeg;base64,${bytes.toString('base64')}` };
}

export const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));

export const settings: PublicSettings = {
  storeTimezone: 'Asia/Shanghai',
  slotMinutes: 30,
  holdMinutes: 15,
  maxBookingMinutes: 720,
  bookingHorizonDays: 7,
  cancelFreeHours: 2,
  cancelFeePercent: 20,
  checkinOpenMinutesBefore: 15,
  noShowGraceMinutes: 15,
  rechargeMinFen: 100,
  rechargeMaxFen: 500000,
  customerServiceContact: '客服微信 studyroom-help · 电话 400-000-0000 (9:00–21:00)',
  offlinePayment: { enabled: true, holdMinutes: 30 },
};

const prices = [
  { seatType: 'standard' as const, price_per_hour_fen: 600 },
  { seatType: 'window' as const, price_per_hour_fen: 800 },
  { seatType: 'power' as const, price_per_hour_fen: 900 },
];

export const roomSummaries: RoomSummary[] = [
  { id: 'room-b', name: '开放区 B · 24 小时', kind: 'hall', status: 'open', floor: '2F', address: '学院路 18 号 2 楼', description: '24 小时开放，可小声讨论。', photos: [seedPhoto('open-hall-b-1.jpg'), seedPhoto('open-hall-b-2.jpg')], openingHours: ALL_DAY, prices, seatCount: 29, freeSeats: 21 },
  { id: 'room-a', name: '静音区 A', kind: 'hall', status: 'open', floor: '3F', address: '学院路 18 号 3 楼', description: '安静自习，禁止交谈。', photos: [seedPhoto('quiet-hall-a-1.jpg'), seedPhoto('quiet-hall-a-2.jpg')], openingHours: ALL_DAY, prices, seatCount: 29, freeSeats: 6 },
  { id: 'room-p', name: '独立包间 1', kind: 'private', status: 'open', floor: '3F', address: '学院路 18 号 3 楼', description: '4 人包间，适合小组讨论。', photos: [seedPhoto('private-room-1-1.jpg'), seedPhoto('private-room-1-2.jpg')], openingHours: ALL_DAY, prices: [{ seatType: 'room', price_per_hour_fen: 3000 }], seatCount: 1, freeSeats: 0 },
];

/** Hall B's layout: walls round the edge, an aisle, the door, 4 rows of seats split by two aisles. */
export function hallLayout(): RoomDetail['layout'] {
  const cells: RoomDetail['layout']['cells'] = [];
  const rows = 8;
  const cols = 11;
  let n = 0;
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) {
      if (r === 0 || r === rows - 1 || c === 0 || c === cols - 1) {
        cells.push({ row: r, col: c, kind: r === rows - 1 && c === 5 ? 'door' : 'wall' });
        continue;
      }
      if (r === 1 || c === 4 || c === 7 || r === 4) {
        cells.push({ row: r, col: c, kind: 'aisle' });
        continue;
      }
      n += 1;
      const rowName = 'ABCD'[r < 4 ? r - 2 : r - 3];
      const type = c === 1 || c === 9 ? 'window' : c === 5 || c === 6 ? 'power' : 'standard';
      cells.push({ row: r, col: c, kind: 'seat', seat: { id: `seat-${rowName}${c}`, label: `${rowName}${c}`, type, enabled: !(rowName === 'D' && c === 9) } });
    }
  }
  return { rows, cols, cells };
}

export const roomDetail = (id = 'room-b'): RoomDetail => ({ ...roomSummaries.find((r) => r.id === id)!, layout: hallLayout() });

export function availability(date: string, range: { start: string; end: string }): { room: any; date: string; timezone: string; slotMinutes: number; seats: SeatAvailability[] } {
  const seats = hallLayout().cells.filter((c) => c.kind === 'seat').map((c) => ({ ...c.seat!, row: c.row, col: c.col, taken: [] as SeatAvailability['taken'] }));
  const mark = (label: string, state: 'held' | 'booked', mine = false) => {
    seats.find((s) => s.label === label)!.taken.push({ start: range.start, end: range.end, state, mine });
  };
  ['A2', 'A3', 'B5', 'B6', 'C2', 'C8', 'C9', 'D5'].forEach((l) => mark(l, 'booked'));
  ['A8', 'B3'].forEach((l) => mark(l, 'held'));
  mark('C5', 'booked', true);
  return { room: { id: 'room-b', name: '开放区 B · 24 小时', kind: 'hall', status: 'open' }, date, timezone: 'Asia/Shanghai', slotMinutes: 30, seats };
}

export function booking(over: Partial<Booking> = {}): Booking {
  return {
    id: 'bk-1',
    status: 'confirmed',
    seat: { id: 'seat-A1', label: 'A1', type: 'window' },
    room: { id: 'room-b', name: '开放区 B · 24 小时', kind: 'hall' },
    start: '2026-12-01T14:00:00+08:00',
    end: '2026-12-01T16:00:00+08:00',
    releasedFrom: null,
    payWith: 'wallet',
    base_fen: 1600,
    member_discount_fen: 160,
    coupon_discount_fen: 500,
    total_fen: 940,
    refund_fen: 0,
    fee_fen: 0,
    coupon: 'cp-1',
    holdExpiresAt: null,
    checkedInAt: null,
    checkedOutAt: null,
    cancelledAt: null,
    cancelReason: null,
    createdAt: '2026-12-01T10:38:26+08:00',
    history: [{ from: null, to: 'confirmed', actor: 'member', actorId: 1, reason: 'paid by wallet', at: '2026-12-01T10:38:26+08:00' }],
    ...over,
  };
}

export const announcements: Announcement[] = [
  {
    id: 'an-1',
    title: '开放区 B 现已 24 小时营业',
    summary: '夜猫子们的福音：从本周起开放区 B 全天候开放。',
    body: [
      { type: 'paragraph', children: [{ type: 'text', text: '从本周起，开放区 B 全天候开放，凌晨时段价格不变。' }] },
      { type: 'heading', level: 3, children: [{ type: 'text', text: '夜间须知' }] },
      { type: 'list', children: [{ type: 'list-item', children: [{ type: 'text', text: '23:00 后请保持安静，通话请到走廊。' }] }, { type: 'list-item', children: [{ type: 'text', text: '离开时请签退，座位会立即释放给其他同学。' }] }] },
    ],
    cover: null,
    pinned: true,
    publishAt: '2026-11-28T09:00:00+08:00',
    expireAt: null,
  },
  { id: 'an-2', title: '新会员注册即送 ¥5 新人券', summary: '', body: [], cover: null, pinned: false, publishAt: '2026-11-20T09:00:00+08:00', expireAt: null },
];

export const coupons: Coupon[] = [
  { id: 'cp-1', name: '新人券 ¥5', kind: 'amount_off', amount_off_fen: 500, percent_off: null, max_discount_fen: null, free_hours: null, min_spend_fen: 1000, applies_to: 'booking', valid_from: '2026-12-01T00:00:00+08:00', valid_to: '2026-12-31T00:00:00+08:00', status: 'unused', used_at: null },
  { id: 'cp-2', name: '周末 9 折', kind: 'percent_off', amount_off_fen: null, percent_off: 10, max_discount_fen: 1000, free_hours: null, min_spend_fen: 0, applies_to: 'booking', valid_from: '2026-12-01T00:00:00+08:00', valid_to: '2026-12-20T00:00:00+08:00', status: 'unused', used_at: null },
  { id: 'cp-3', name: '充值立减 ¥10', kind: 'amount_off', amount_off_fen: 1000, percent_off: null, max_discount_fen: null, free_hours: null, min_spend_fen: 10000, applies_to: 'recharge', valid_from: '2026-11-01T00:00:00+08:00', valid_to: '2026-11-30T00:00:00+08:00', status: 'used', used_at: '2026-11-12T10:00:00+08:00' },
];

export const packages: RechargePackage[] = [
  { id: 'pk-50', name: '充 50', amount_fen: 5000, bonus_fen: 0 },
  { id: 'pk-100', name: '充 100 送 10', amount_fen: 10000, bonus_fen: 1000 },
  { id: 'pk-300', name: '充 300 送 45', amount_fen: 30000, bonus_fen: 4500 },
  { id: 'pk-500', name: '充 500 送 100', amount_fen: 50000, bonus_fen: 10000 },
];

export const tiers: MembershipTier[] = [
  { id: 't-silver', code: 'silver', name: '银卡', level: 1, description: null, benefits: { discount_percent: 5, booking_horizon_days: 7, free_cancel_hours: 2, daily_quota_hours: 12 }, prices: { month_fen: 9900, quarter_fen: 26900 }, earn_by_recharge_fen: 50000 },
  { id: 't-gold', code: 'gold', name: '金卡', level: 2, description: null, benefits: { discount_percent: 10, booking_horizon_days: 14, free_cancel_hours: 1, daily_quota_hours: 14 }, prices: { month_fen: 19900, quarter_fen: 53900 }, earn_by_recharge_fen: 150000 },
  { id: 't-black', code: 'black', name: '黑卡', level: 3, description: null, benefits: { discount_percent: 20, booking_horizon_days: 30, free_cancel_hours: 0, daily_quota_hours: 16 }, prices: { month_fen: 39900, quarter_fen: 109900 }, earn_by_recharge_fen: null },
];

export const ledger: LedgerRow[] = [
  { id: 'l4', type: 'booking_payment', amount_fen: -940, balance_after_fen: 10060, note: '座位 A1', createdAt: '2026-12-01T10:38:26+08:00' },
  { id: 'l3', type: 'cancellation_refund', amount_fen: 880, balance_after_fen: 11000, note: '取消 B4（手续费 ¥2.20）', createdAt: '2026-11-30T19:02:00+08:00' },
  { id: 'l2', type: 'recharge_bonus', amount_fen: 1000, balance_after_fen: 10120, note: '充 100 送 10', createdAt: '2026-11-30T18:00:00+08:00' },
  { id: 'l1', type: 'recharge', amount_fen: 10000, balance_after_fen: 9120, note: '微信支付', createdAt: '2026-11-30T18:00:00+08:00' },
];

export const refundRequests: RefundRequest[] = [
  { id: 'rf-2', kind: 'withdraw', amount_fen: 5000, booking: null, reason: '下学期不在本地了', status: 'pending', decision_note: null, createdAt: '2026-11-30T20:00:00+08:00' },
  { id: 'rf-1', kind: 'dispute', amount_fen: null, booking: 'bk-0', reason: '座位台灯坏了，提前离开', status: 'completed', decision_note: '已核实，全额退回钱包', createdAt: '2026-11-25T15:00:00+08:00' },
];

export const walletSummary = { balance_fen: 10060, bonus_fen: 1000, withdrawable_fen: 9060, recharged_total_fen: 10000, tier: { code: 'gold', name: '金卡' }, tierExpiresAt: '2026-12-31T23:59:59+08:00', benefits: tiers[1].benefits };
