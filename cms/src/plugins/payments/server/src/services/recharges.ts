/**
 * Recharge: a package (or a custom amount) paid with WeChat Pay, credited as principal plus bonus –
 * two ledger rows – exactly once, when the payment is proven (verified notification or verified query).
 * A recharge coupon is redeemed when the order is created (so it cannot back two orders) and released
 * if the order closes unpaid.
 */
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import { formatYuan } from '../../../../../platform/money';
import { checkCouponUsable, invalid, newOutTradeNo, priceRecharge } from '../domain';
import { catalogRepository } from '../repositories/catalog';
import { rechargesRepository, type RechargeRow } from '../repositories/recharges';
import { iso } from '../repositories/support';
import { getPaymentsService } from './accessor';
import { inTransaction } from '../../../../../platform/transaction';
import { SYSTEM, type ClosedOrder, type PaidOrder } from './types';

/** How long a member has to pay a recharge order. */
const RECHARGE_ORDER_MINUTES = 30;

const presentRecharge = (r: RechargeRow) => ({
  outTradeNo: r.outTradeNo,
  status: r.status,
  pay_fen: r.payFen,
  bonus_fen: r.packageBonusFen + r.couponBonusFen,
  credited_fen: r.creditedFen,
  credited_at: iso(r.creditedAt),
});

export default ({ strapi }: { strapi: any }) => {
  const repo = rechargesRepository(strapi);
  const catalog = catalogRepository(strapi);
  const svc = <K extends Parameters<typeof getPaymentsService>[1]>(name: K) => getPaymentsService(strapi, name);

  const service = {
    async packages() {
      return (await catalog.activePackages()).map((p) => ({ id: p.documentId, name: p.name, amount_fen: p.amountFen, bonus_fen: p.bonusFen }));
    },

    /** Creates a pending recharge and its WeChat order; returns the wx.requestPayment parameters. */
    async create(input: { userId: number; packageId?: string; amountFen?: number; couponId?: string }) {
      svc('wechat').config();
      const params = await catalog.parameters();
      const pkg = input.packageId ? await catalog.activePackage(input.packageId) : null;
      if (input.packageId && !pkg) throw invalid('package', 'This recharge package is not offered any more; pick another one.');
      const now = clock.now();
      const payFen = pkg ? pkg.amountFen : input.amountFen;
      let coupon = null;
      if (input.couponId) {
        coupon = await svc('coupons').find(input.couponId);
        if (!coupon) throw fail('COUPON_INVALID', 'This coupon does not belong to you.', { reason: 'not_owned' });
        checkCouponUsable({ coupon, userId: input.userId, now, purpose: 'recharge', amountFen: typeof payFen === 'number' ? payFen : 0 });
      }
      const quote = priceRecharge({
        package: pkg ? { amountFen: pkg.amountFen, bonusFen: pkg.bonusFen } : null,
        customAmountFen: pkg ? null : input.amountFen ?? null,
        bounds: { minFen: params.recharge_min_fen, maxFen: params.recharge_max_fen },
        coupon: coupon ? { terms: coupon.terms } : null,
      });

      const outTradeNo = newOutTradeNo('RC', now);
      return inTransaction(strapi, async () => {
        await repo.insert({
          userId: input.userId,
          outTradeNo,
          packageId: pkg?.id ?? null,
          couponId: coupon?.id ?? null,
          payFen: quote.pay_fen,
          packageBonusFen: quote.package_bonus_fen,
          couponBonusFen: quote.coupon_bonus_fen,
        });
        if (coupon) {
          await svc('coupons').redeem({ couponId: coupon.documentId, userId: input.userId, ref: { kind: 'recharge', id: outTradeNo }, now });
        }
        const order = await svc('checkout').createOrder({
          userId: input.userId,
          purpose: 'recharge',
          refId: outTradeNo,
          outTradeNo,
          amountFen: quote.pay_fen,
          description: `自习室钱包充值 ${formatYuan(quote.pay_fen)}`,
          expiresAt: new Date(now.getTime() + RECHARGE_ORDER_MINUTES * 60_000),
        });
        return {
          outTradeNo: order.outTradeNo,
          payment: order.payment,
          pay_fen: quote.pay_fen,
          bonus_fen: quote.credit_bonus_fen,
          expiresAt: new Date(now.getTime() + RECHARGE_ORDER_MINUTES * 60_000).toISOString(),
        };
      });
    },

    /**
     * Credits a paid recharge: principal (counts towards earned tiers) and bonus as separate rows, each
     * under a dedupe key, then recharge gifts. Runs inside the transaction that marked the order paid.
     */
    async credit(paid: PaidOrder) {
      const recharge = await repo.find(paid.outTradeNo);
      if (!recharge) throw new Error(`paid recharge order ${paid.outTradeNo} has no recharge row`);
      if (recharge.status === 'paid') return;
      let couponBonus = recharge.couponBonusFen;
      if (recharge.status === 'closed' && recharge.couponId && couponBonus > 0) {
        // Closed orders gave their coupon back; paid after all, the bonus needs the coupon again.
        const coupon = await svc('coupons').findById(recharge.couponId);
        try {
          await svc('coupons').redeem({ couponId: coupon!.documentId, userId: recharge.userId, ref: { kind: 'recharge', id: recharge.outTradeNo } });
        } catch {
          couponBonus = 0;
        }
      }
      const ref = { kind: 'recharge', id: recharge.outTradeNo };
      const wallet = svc('wallet');
      await wallet.credit({
        userId: recharge.userId,
        principalFen: recharge.payFen,
        type: 'recharge',
        ref,
        actor: SYSTEM,
        note: 'WeChat Pay',
        dedupeKey: `recharge:${recharge.outTradeNo}`,
        countsAsRecharge: true,
      });
      const bonus = recharge.packageBonusFen + couponBonus;
      if (bonus > 0) {
        await wallet.credit({
          userId: recharge.userId,
          principalFen: 0,
          bonusFen: bonus,
          type: 'recharge_bonus',
          ref,
          actor: SYSTEM,
          note: couponBonus > 0 ? 'package bonus + coupon' : 'package bonus',
          dedupeKey: `recharge_bonus:${recharge.outTradeNo}`,
        });
      }
      await repo.markCredited(recharge.outTradeNo, recharge.payFen + bonus, clock.now());
      await svc('coupons').issueOnRecharge(recharge.userId, recharge.outTradeNo, recharge.payFen);
    },

    async closed(closed: ClosedOrder) {
      const recharge = await repo.find(closed.outTradeNo);
      if (!recharge || !(await repo.markClosed(recharge.outTradeNo))) return;
      if (recharge.couponId) {
        const coupon = await svc('coupons').findById(recharge.couponId);
        if (coupon) await svc('coupons').release({ couponId: coupon.documentId, ref: { kind: 'recharge', id: recharge.outTradeNo }, reason: 'payment_failed' });
      }
    },

    /**
     * A member's recharge. While it is pending, WeChat is asked (a verified query may credit it), so the
     * mini program's "did it work?" never depends on the notification having arrived.
     */
    async status(userId: number, outTradeNo: string) {
      let recharge = await repo.find(outTradeNo);
      if (!recharge || recharge.userId !== userId) throw fail('NOT_FOUND', 'No such recharge of yours.');
      if (recharge.status === 'pending' && svc('wechat').isConfigured()) {
        try {
          await svc('checkout').syncOrder(outTradeNo);
        } catch (err) {
          strapi.log.warn(`[payments] status query of ${outTradeNo} failed: ${(err as Error).message}`);
        }
        recharge = (await repo.find(outTradeNo))!;
      }
      return presentRecharge(recharge);
    },
  };
  return service;
};
