/** Shapes shared by the payments services and the booking plugin that calls them. */

/** What caused a money movement: `{ kind: 'booking', id: <booking documentId> }`, a recharge's out_trade_no … */
export interface Ref {
  kind: string;
  id: string | number;
}

export { type Actor, SYSTEM } from '../../../../../platform/actor';

export type OrderPurpose = 'booking' | 'recharge' | 'membership';

export interface PaidOrder {
  outTradeNo: string;
  refId: string;
  userId: number;
  amountFen: number;
  paidAt: Date;
}

export interface ClosedOrder {
  outTradeNo: string;
  refId: string;
  userId: number;
  amountFen: number;
  closedAt: Date;
}

export const refId = (ref: Ref): string => String(ref.id);
