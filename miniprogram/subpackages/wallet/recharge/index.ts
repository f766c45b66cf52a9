/**
 * Recharge: a package with its bonus or a custom amount, an optional coupon, WeChat Pay, then the
 * order is polled until the server has credited it (only a verified notification credits money).
 */
import { coupons, wallet } from '../../../services/api';
import { toApiError } from '../../../services/errors';
import { requestPayment, waitForRecharge } from '../../../services/payment';
import { memberBenefits, publicSettings } from '../../../services/store';
import type { Coupon, RechargePackage } from '../../../services/types';
import { formatFen, formatFenShort, parseYuan } from '../../../utils/money';
import { loadPage, showError } from '../../../utils/page';
import { loadedPage } from '../../../behaviors/loaded-page';

Component({
  behaviors: [loadedPage],
  data: {
    state: 'loading',
    error: '',
    errorCode: '',
    packages: [] as Array<RechargePackage & { price: string; bonusText: string }>,
    packageId: '',
    custom: '',
    customError: '',
    minFen: 100,
    maxFen: 500000,
    couponList: [] as Coupon[],
    couponId: '',
    couponText: '不使用',
    balance: '',
    payText: '',
    phase: 'choose' as 'choose' | 'paying' | 'waiting' | 'credited' | 'pending',
    creditedText: '',
  },
  methods: {
    load() {
      return loadPage(this, async () => {
        const [pk, w, s, mine] = await Promise.all([wallet.packages(), wallet.summary(), publicSettings(), coupons.mine({ usable: true }).catch(() => ({ data: [] as Coupon[] }))]);
        const packages = pk.data.map((p) => ({ ...p, price: formatFenShort(p.amount_fen), bonusText: p.bonus_fen ? `送 ${formatFenShort(p.bonus_fen)}` : '' }));
        const first = packages.find((p) => p.bonus_fen) || packages[0];
        return {
          packages,
          packageId: first ? first.id : '',
          balance: formatFen(w.data.balance_fen),
          minFen: s.rechargeMinFen,
          maxFen: s.rechargeMaxFen,
          couponList: mine.data.filter((c) => c.applies_to !== 'booking'),
          payText: first ? formatFenShort(first.amount_fen) : '',
        };
      });
    },
    onPackage(e: WechatMiniprogram.TouchEvent) {
      const p = this.data.packages.find((x) => x.id === e.currentTarget.dataset.id);
      this.setData({ packageId: p ? p.id : '', custom: '', customError: '', payText: p ? formatFenShort(p.amount_fen) : '' });
    },
    onCustom(e: WechatMiniprogram.Input) {
      const custom = e.detail.value;
      const fen = parseYuan(custom);
      const { minFen, maxFen } = this.data;
      const customError = !custom ? '' : fen === null ? '请输入金额，最多两位小数' : fen < minFen || fen > maxFen ? `单次充值 ${formatFenShort(minFen)}–${formatFenShort(maxFen)}` : '';
      this.setData({ custom, customError, packageId: custom ? '' : this.data.packageId, payText: fen && !customError ? formatFen(fen) : '' });
    },
    onCoupon() {
      const list = this.data.couponList;
      if (!list.length) return;
      wx.showActionSheet({
        itemList: ['不使用优惠券', ...list.map((c) => c.name)].slice(0, 6),
        success: (r) => {
          const c = r.tapIndex === 0 ? null : list[r.tapIndex - 1];
          this.setData({ couponId: c ? c.id : '', couponText: c ? c.name : '不使用' });
        },
      });
    },
    async onPay() {
      const { packageId, custom, customError, couponId, phase } = this.data;
      const amount = custom ? parseYuan(custom) : null;
      if (phase === 'paying' || phase === 'waiting' || customError || (!packageId && !amount)) return;
      this.setData({ phase: 'paying' });
      try {
        const order = (await wallet.recharge({ ...(packageId ? { package: packageId } : { amount_fen: amount! }), ...(couponId ? { coupon: couponId } : {}) })).data;
        await requestPayment(order.payment);
        this.setData({ phase: 'waiting' });
        const status = await waitForRecharge(order.outTradeNo, { intervalMs: 1000, timeoutMs: 20000 });
        if (status.status === 'paid') {
          const w = await wallet.summary();
          memberBenefits(true).catch(() => undefined);
          this.setData({ phase: 'credited', creditedText: formatFen(status.credited_fen), balance: formatFen(w.data.balance_fen) });
        } else {
          this.setData({ phase: 'pending' });
        }
      } catch (e) {
        this.setData({ phase: 'choose' });
        if (toApiError(e).code !== 'PAYMENT_CANCELLED') showError(e);
      }
    },
    onDone() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
