/** 钱包/会员 tab: balance (with bonus), membership, and the way to recharge, the ledger, tiers and coupons. */
import { coupons, wallet } from '../../services/api';
import { memberBenefits } from '../../services/store';
import type { Wallet } from '../../services/types';
import { formatFen } from '../../utils/money';
import { loadPage, selectTab } from '../../utils/page';
import { formatDate } from '../../utils/time';
import { loadedPage } from '../../behaviors/loaded-page';

const ENTRIES = [
  { key: 'recharge', name: '充值', sub: '充得多送得多', url: '/subpackages/wallet/recharge/index' },
  { key: 'transactions', name: '明细', sub: '收支记录与统计', url: '/subpackages/wallet/transactions/index' },
  { key: 'membership', name: '会员', sub: '折扣与提前预约', url: '/subpackages/wallet/membership/index' },
  { key: 'coupons', name: '优惠券', sub: '', url: '/subpackages/wallet/coupons/index' },
];

Component({
  behaviors: [loadedPage],
  data: {
    state: 'loading',
    error: '',
    errorCode: '',
    balance: '',
    bonus: '',
    tierName: '',
    tierUntil: '',
    benefitsText: '',
    inText: '',
    outText: '',
    entries: ENTRIES,
  },
  methods: {
    onShow() {
      selectTab(this, 2);
      if (this.data.state === 'ready') this.load(true);
    },
    load(refresh = false) {
      return loadPage(this, async () => {
        const [w, stats, mine, benefits] = await Promise.all([
          wallet.summary(),
          wallet.stats(),
          coupons.mine({ usable: true }).catch(() => ({ data: [] as unknown[] })),
          memberBenefits(refresh),
        ]);
        const data: Wallet = w.data;
        const tier = data.tier && typeof data.tier === 'object' ? data.tier.name : (data.tier as string) || '';
        return {
          balance: formatFen(data.balance_fen),
          bonus: data.bonus_fen ? `含赠送 ${formatFen(data.bonus_fen)}` : '',
          tierName: tier || '普通会员',
          tierUntil: data.tierExpiresAt ? `${formatDate(data.tierExpiresAt)}到期` : '',
          benefitsText: `${benefits.discount_percent ? `${(100 - benefits.discount_percent) / 10} 折 · ` : ''}可提前 ${benefits.booking_horizon_days} 天预约 · 开始前 ${benefits.free_cancel_hours} 小时免费取消`,
          inText: formatFen(stats.data.in_fen),
          outText: formatFen(Math.abs(stats.data.out_fen)),
          entries: ENTRIES.map((e) => (e.key === 'coupons' ? { ...e, sub: `${mine.data.length} 张可用` } : e)),
        };
      });
    },
    onEntry(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: e.currentTarget.dataset.url });
    },
  },
});
