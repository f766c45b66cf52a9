/** The five tabs (custom, so the bar follows the same look as the pages and respects the safe area). */
export const TABS = [
  { path: '/pages/home/index', text: '预约', icon: '座' },
  { path: '/pages/bookings/index', text: '我的预约', icon: '约' },
  { path: '/pages/wallet/index', text: '钱包/会员', icon: '¥' },
  { path: '/pages/self-service/index', text: '自助', icon: '扫' },
  { path: '/pages/service/index', text: '客服', icon: '服' },
];

Component({
  options: { styleIsolation: 'isolated' },
  data: { selected: 0, tabs: TABS },
  methods: {
    onTap(e: WechatMiniprogram.TouchEvent) {
      const index = Number(e.currentTarget.dataset.index);
      if (index === this.data.selected) return;
      wx.switchTab({ url: TABS[index].path });
    },
  },
});
