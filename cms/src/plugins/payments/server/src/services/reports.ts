import { reportsRepository, type Window } from '../repositories/reports';

/**
 * Money figures for the back office, declared for the booking plugin's dashboard (it reaches them through
 * its payments port, never by reading these tables). Definitions, each one SQL aggregate:
 * - money in: WeChat recharges (the `recharge` ledger principal), WeChat-paid bookings and memberships
 *   (paid orders), offline receipts verified by staff (`offline_receipt` ledger rows);
 * - money out: WeChat refunds that succeeded (withdrawals and refunds of WeChat-paid bookings);
 * - consumption: bookings and memberships paid from wallets (`booking_payment` net of `booking_refund`,
 *   `membership_purchase`). An offline-paid booking passes through the wallet, so it is counted both as an
 *   offline receipt (money in) and as a wallet-paid booking (consumption), as the ledger shows it;
 * - owed: the sum of all wallet balances.
 */
export interface MoneyFigures {
  in: { rechargesFen: number; wechatBookingsFen: number; wechatMembershipsFen: number; offlineReceiptsFen: number; totalFen: number };
  out: { refundsFen: number };
  consumption: { bookingsFen: number; membershipsFen: number; totalFen: number };
}

export default ({ strapi }: { strapi: any }) => {
  const repo = reportsRepository(strapi);

  return {
    /** The figures of each window, in the order given. */
    async moneySummary(windows: Window[]): Promise<MoneyFigures[]> {
      const [ledger, orders, refunds] = await Promise.all([
        repo.ledgerByType(['recharge', 'offline_receipt', 'booking_payment', 'booking_refund', 'membership_purchase'], windows),
        repo.paidOrdersByPurpose(['booking', 'membership'], windows),
        repo.refundsSucceeded(windows),
      ]);
      return windows.map((_, i) => {
        const at = (m: Map<string, number[]>, k: string) => m.get(k)?.[i] ?? 0;
        const moneyIn = {
          rechargesFen: at(ledger, 'recharge'),
          wechatBookingsFen: at(orders, 'booking'),
          wechatMembershipsFen: at(orders, 'membership'),
          offlineReceiptsFen: at(ledger, 'offline_receipt'),
          totalFen: 0,
        };
        moneyIn.totalFen = moneyIn.rechargesFen + moneyIn.wechatBookingsFen + moneyIn.wechatMembershipsFen + moneyIn.offlineReceiptsFen;
        // Debits are negative in the ledger; consumption is shown as a positive amount.
        const bookingsFen = -(at(ledger, 'booking_payment') + at(ledger, 'booking_refund'));
        const membershipsFen = -at(ledger, 'membership_purchase');
        return { in: moneyIn, out: { refundsFen: refunds[i] }, consumption: { bookingsFen, membershipsFen, totalFen: bookingsFen + membershipsFen } };
      });
    },

    /** Money in per local day since `from` (day number → fen). */
    async dailyMoneyIn(input: { from: Date; offsetSeconds: number }): Promise<Map<number, number>> {
      return repo.dailyIn({ ...input, ledgerTypes: ['recharge', 'offline_receipt'], orderPurposes: ['booking', 'membership'] });
    },

    /** Members who spent at least `minFen` since `since` (consumption as above plus WeChat-paid orders). */
    async membersWhoSpent(input: { since: Date; minFen: number }): Promise<{ userId: number; spentFen: number }[]> {
      const spend = await repo.memberSpend(input.since);
      return [...spend].filter(([, fen]) => fen >= input.minFen).map(([userId, spentFen]) => ({ userId, spentFen })).sort((a, b) => a.userId - b.userId);
    },

    walletTotals: () => repo.walletTotals(),
    pendingRefundRequests: () => repo.pendingRefundRequests(),
  };
};
