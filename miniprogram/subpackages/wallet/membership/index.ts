/** Membership tiers with their benefits and prices; buying one with the wallet or WeChat Pay. */
import { memberships, wallet } from '../../../services/api';
import { toApiError } from '../../../services/errors';
import { pollUntil, requestPayment } from '../../../services/payment';
import { memberBenefits } from '../../../services/store';
import type { MembershipTier } from '../../../services/types';
import { formatFen, formatFenShort } from '../../../utils/money';
import { confirm, loadPage, showError } from '../../../utils/page';
import { formatDate } from '../../../utils/time';
import { loadedPage } from '../../../behaviors/loaded-page';

interface TierCard {
  id: string;
  name: string;
  current: boolean;
  perks: string[];
  month: string;
  quarter: string;
  earn: string;
}

function tierCard(t: MembershipTier, currentCode: string): TierCard {
  const b = t.benefits;
  return {
    id: t.id,
    name: t.name,
    current: t.code === currentCode,
    perks: [
      b.discount_percent ? `预约 ${(100 - b.discount_percent) / 10} 折` : '原价预约',
      `可提前 ${b.booking_horizon_days} 天预约`,
      b.free_cancel_hours ? `开始前 ${b.free_cancel_hours} 小时免费取消` : '开始前随时免费取消',
      `每天最多 ${b.daily_quota_hours} 小时`,
    ],
    month: t.prices.month_fen ? formatFenShort(t.prices.month_fen) : '',
    quarter: t.prices.quarter_fen ? formatFenShort(t.prices.quarter_fen) : '',
    earn: t.earn_by_recharge_fen ? `累计充值满 ${formatFenShort(t.earn_by_recharge_fen)} 自动获得` : '',
  };
}

Component({
  behaviors: [loadedPage],
  data: { state: 'loading', error: '', errorCode: '', tiers: [] as TierCard[], raw: [] as MembershipTier[], currentText: '', busy: false },
  methods: {
    load() {
      return loadPage(
        this,
        async () => {
          const [tiers, w] = await Promise.all([memberships.tiers(), wallet.summary()]);
          const tier = w.data.tier;
          const code = tier && typeof tier === 'object' ? tier.code : (tier as string) || '';
          const name = tier && typeof tier === 'object' ? tier.name : '';
          return {
            raw: tiers.data,
            tiers: tiers.data.map((t) => tierCard(t, code)),
            currentText: name ? `当前：${name}${w.data.tierExpiresAt ? `，${formatDate(w.data.tierExpiresAt)}到期` : ''}` : '当前：普通会员',
          };
        },
        (d) => !(d.tiers as unknown[]).length,
      );
    },
    async onBuy(e: WechatMiniprogram.TouchEvent) {
      const { id, plan } = e.currentTarget.dataset as { id: string; plan: 'month' | 'quarter' };
      const tier = this.data.raw.find((t) => t.id === id);
      if (!tier || this.data.busy) return;
      const price = plan === 'month' ? tier.prices.month_fen : tier.prices.quarter_fen;
      const choice = await new Promise<number>((resolve) =>
        wx.showActionSheet({ itemList: ['钱包余额支付', '微信支付'], success: (r) => resolve(r.tapIndex), fail: () => resolve(-1) }),
      );
      if (choice < 0) return;
      const payWith = choice === 0 ? 'wallet' : 'wechat';
      if (!(await confirm('购买会员', `${tier.name} ${plan === 'month' ? '月卡' : '季卡'}，${formatFen(price || 0)}`, '确认购买'))) return;
      this.setData({ busy: true });
      try {
        const res = (await memberships.purchase({ tier: id, plan, payWith })).data;
        let active = true;
        if (res.payment) {
          await requestPayment(res.payment);
          // The tier is granted when WeChat's verified notification reaches the CMS: wait until the wallet shows it.
          const tierCode = (w: { tier: unknown }) => (w.tier && typeof w.tier === 'object' ? (w.tier as { code: string }).code : w.tier);
          const after = await pollUntil(async () => (await wallet.summary()).data, (w) => tierCode(w) === tier.code, { intervalMs: 1000, timeoutMs: 15000 });
          active = tierCode(after) === tier.code;
        }
        await memberBenefits(true).catch(() => undefined);
        wx.showToast({ title: active ? '购买成功' : '支付结果确认中，稍后生效', icon: 'none' });
        await this.load();
      } catch (err) {
        if (toApiError(err).code !== 'PAYMENT_CANCELLED') showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
