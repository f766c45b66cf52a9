/** How a waiting-list entry reads in "my waiting list": where I stand, or the offer and its time left. */
import type { WaitlistEntry } from '../services/types';
import { formatFen } from './money';
import { formatRange } from './time';

export interface WaitlistRow {
  id: string;
  title: string;
  when: string;
  /** "排第 2 位" while waiting; the offer's sentence once offered. */
  standing: string;
  offered: boolean;
  booking: string;
  /** Milliseconds of the offer left (0 when none or lapsed). */
  offerMs: number;
  total: string;
}

export function waitlistRow(e: WaitlistEntry, now: number): WaitlistRow {
  const room = e.room ? e.room.name : '自习室';
  const seat = e.seat ? `座位 ${e.seat.label}` : '任意座位';
  const offerMs = e.offer ? Math.max(0, Date.parse(e.offer.expiresAt) - now) : 0;
  const offered = !!e.offer && offerMs > 0;
  return {
    id: e.id,
    title: `${room} · ${seat}`,
    when: formatRange(e.start, e.end),
    standing: offered
      ? `座位 ${e.offer!.seat.label || ''} 已为你保留，请在倒计时结束前支付`
      : e.position
        ? e.position === 1
          ? '排第 1 位：有座位空出时先通知你'
          : `排第 ${e.position} 位`
        : '保留已过期，等待下一个空位',
    offered,
    booking: e.offer ? e.offer.booking : '',
    offerMs,
    total: e.offer ? formatFen(e.offer.total_fen) : '',
  };
}
