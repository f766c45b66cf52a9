/** Ledger rows as the member reads them. */
import type { LedgerRow } from '../services/types';
import { formatFen } from './money';
import { formatDateTime } from './time';

export const LEDGER_TYPES: Array<{ key: string; name: string }> = [
  { key: '', name: '全部' },
  { key: 'recharge', name: '充值' },
  { key: 'recharge_bonus', name: '赠送' },
  { key: 'booking_payment', name: '预约' },
  { key: 'cancellation_refund', name: '退回' },
  { key: 'membership_purchase', name: '会员' },
  { key: 'refund_withdrawal', name: '提现' },
];
const NAMES: Record<string, string> = {
  recharge: '充值',
  recharge_bonus: '充值赠送',
  booking_payment: '预约消费',
  cancellation_refund: '取消退回',
  membership_purchase: '购买会员',
  refund_withdrawal: '提现退款',
  staff_adjustment: '人工调整',
  offline_receipt: '到店付款',
};
export const ledgerTypeName = (t: string): string => NAMES[t] || t;

export function ledgerLine(r: LedgerRow) {
  return {
    id: r.id,
    name: ledgerTypeName(r.type),
    note: r.note || '',
    at: formatDateTime(r.createdAt),
    amount: `${r.amount_fen > 0 ? '+' : ''}${formatFen(r.amount_fen)}`,
    incoming: r.amount_fen > 0,
    after: `余额 ${formatFen(r.balance_after_fen)}`,
  };
}
