/** My coupons: usable, used, expired. */
import { coupons } from '../../../services/api';
import type { Coupon } from '../../../services/types';
import { formatFenShort } from '../../../utils/money';
import { loadPage } from '../../../utils/page';
import { formatDate } from '../../../utils/time';
import { loadedPage } from '../../../behaviors/loaded-page';

const TABS = [
  { key: 'unused', name: '可使用' },
  { key: 'used', name: '已使用' },
  { key: 'expired', name: '已过期' },
];
const USE = { booking: '预约可用', recharge: '充值可用', any: '通用' } as Record<string, string>;

export function couponCard(c: Coupon) {
  const face = c.kind === 'amount_off' ? formatFenShort(c.amount_off_fen || 0) : c.kind === 'percent_off' ? `${(100 - (c.percent_off || 0)) / 10}折` : `${c.free_hours}小时`;
  return {
    id: c.id,
    face,
    name: c.name,
    rule: `${c.min_spend_fen ? `满 ${formatFenShort(c.min_spend_fen)} 可用` : '无门槛'} · ${USE[c.applies_to] || ''}`,
    valid: `${formatDate(c.valid_from)} – ${formatDate(c.valid_to)}`,
    status: c.status,
  };
}

Component({
  behaviors: [loadedPage],
  data: { state: 'loading', error: '', errorCode: '', tabs: TABS, tab: 'unused', all: [] as ReturnType<typeof couponCard>[], shown: [] as ReturnType<typeof couponCard>[], counts: {} as Record<string, number> },
  methods: {
    load() {
      return loadPage(
        this,
        async () => {
          const res = await coupons.mine({ pageSize: 100 });
          const all = res.data.map(couponCard);
          const counts = TABS.reduce((acc, t) => ({ ...acc, [t.key]: all.filter((c) => c.status === t.key).length }), {} as Record<string, number>);
          return { all, counts, shown: all.filter((c) => c.status === this.data.tab) };
        },
        (d) => !(d.shown as unknown[]).length,
      );
    },
    onTab(e: WechatMiniprogram.TouchEvent) {
      const tab = e.currentTarget.dataset.key as string;
      const shown = this.data.all.filter((c) => c.status === tab);
      this.setData({ tab, shown, state: shown.length ? 'ready' : 'empty' });
    },
  },
});
