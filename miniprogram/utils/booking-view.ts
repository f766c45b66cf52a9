/** How a booking reads in lists and on its detail page. */
import type { Booking, BookingStatus } from '../services/types';
import { formatFen } from './money';
import { formatDateTime, formatRange } from './time';

export const STATUS_NAMES: Record<BookingStatus, string> = {
  pending_payment: '待支付',
  confirmed: '待签到',
  checked_in: '使用中',
  completed: '已完成',
  cancelled: '已取消',
  expired: '已超时',
  no_show: '未到店',
};
export const STATUS_COLORS: Record<BookingStatus, string> = {
  pending_payment: 'orange',
  confirmed: '',
  checked_in: 'green',
  completed: 'grey',
  cancelled: 'grey',
  expired: 'grey',
  no_show: 'red',
};
export const PAY_NAMES: Record<string, string> = { wallet: '钱包余额', wechat: '微信支付', offline: '到店支付' };
/** The server records transitions with short English reasons; the common ones read in Chinese. */
const REASONS: Record<string, string> = {
  'paid by wallet': '钱包支付',
  'paid by wechat': '微信支付',
  'paid by WeChat Pay': '微信支付成功',
  'paid by offline': '到店支付',
  'held for WeChat Pay': '等待微信支付',
  'checked in': '签到',
  'checked in by staff': '前台签到',
  'checked out': '签退',
  'checked out early': '提前签退',
  'hold expired': '支付超时',
};
export const reasonText = (r: string | null | undefined): string => (r ? REASONS[r] ?? r : '');

const ACTOR_NAMES: Record<string, string> = { member: '我', staff: '工作人员', system: '系统' };

export interface BookingRow {
  id: string;
  title: string;
  when: string;
  statusName: string;
  statusColor: string;
  total: string;
  cancellable: boolean;
  status: BookingStatus;
}

export function bookingRow(b: Booking): BookingRow {
  return {
    id: b.id,
    title: `${b.room.name} · ${b.seat.label}`,
    when: formatRange(b.start, b.end),
    statusName: STATUS_NAMES[b.status] || b.status,
    statusColor: STATUS_COLORS[b.status] || '',
    total: formatFen(b.total_fen),
    cancellable: (b.status === 'confirmed' || b.status === 'pending_payment') && new Date(b.start).getTime() > Date.now(),
    status: b.status,
  };
}

export function historyLines(b: Booking): Array<{ key: string; text: string; at: string; reason: string }> {
  return (b.history ?? []).map((h, i) => ({
    key: `${i}`,
    text: `${ACTOR_NAMES[h.actor] || h.actor}：${h.from ? `${STATUS_NAMES[h.from] || h.from} → ` : ''}${STATUS_NAMES[h.to] || h.to}`,
    at: formatDateTime(h.at),
    reason: reasonText(h.reason),
  }));
}
