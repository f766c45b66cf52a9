/**
 * 我的预约 tab: bookings by status, newest first, with batch cancel (the total fee is shown before the
 * member confirms).
 */
import { bookings } from '../../services/api';
import { memberBenefits, publicSettings } from '../../services/store';
import type { Booking } from '../../services/types';
import { bookingRow, type BookingRow } from '../../utils/booking-view';
import { cancelPreview } from '../../utils/cancellation';
import { formatFen } from '../../utils/money';
import { confirm, loadPage, selectTab, showError } from '../../utils/page';
import { loadedPage } from '../../behaviors/loaded-page';

export const STATUS_TABS = [
  { key: '', name: '全部' },
  { key: 'pending_payment', name: '待支付' },
  { key: 'confirmed', name: '待签到' },
  { key: 'checked_in', name: '使用中' },
  { key: 'completed', name: '已完成' },
  { key: 'cancelled', name: '已取消' },
];

interface Row extends BookingRow {
  picked: boolean;
}

Component({
  behaviors: [loadedPage],
  data: {
    state: 'loading',
    error: '',
    errorCode: '',
    tabs: STATUS_TABS,
    status: '',
    list: [] as Row[],
    raw: [] as Booking[],
    page: 1,
    more: false,
    picking: false,
    pickedCount: 0,
  },
  methods: {
    onShow() {
      selectTab(this, 1);
      if (this.data.state === 'ready' || this.data.state === 'empty') this.load();
    },
    onOpenWaitlist() {
      wx.navigateTo({ url: '/subpackages/booking/waitlist/index' });
    },
    // `refresh` (pull-down, retry) always starts again from page 1.
    load(_refresh = false, page = 1) {
      return loadPage(
        this,
        async () => {
          const res = await bookings.list({ status: this.data.status || undefined, page, pageSize: 20 });
          const raw = page === 1 ? res.data : [...this.data.raw, ...res.data];
          const p = res.meta.pagination;
          return { raw, list: raw.map((b) => ({ ...bookingRow(b), picked: false })), page, more: !!p && p.page < p.pageCount, pickedCount: 0 };
        },
        (d) => !(d.list as Row[]).length,
      );
    },
    onReachBottom() {
      if (this.data.more) this.load(false, this.data.page + 1);
    },
    onTab(e: WechatMiniprogram.TouchEvent) {
      this.setData({ status: e.currentTarget.dataset.key, state: 'loading', picking: false });
      this.load();
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      const id = e.currentTarget.dataset.id as string;
      if (this.data.picking) {
        const list = this.data.list.map((r) => (r.id === id && r.cancellable ? { ...r, picked: !r.picked } : r));
        this.setData({ list, pickedCount: list.filter((r) => r.picked).length });
        return;
      }
      wx.navigateTo({ url: `/subpackages/booking/detail/index?id=${id}` });
    },
    onTogglePicking() {
      this.setData({ picking: !this.data.picking, list: this.data.list.map((r) => ({ ...r, picked: false })), pickedCount: 0 });
    },
    async onCancelPicked() {
      const ids = this.data.list.filter((r) => r.picked).map((r) => r.id);
      if (!ids.length) return;
      try {
        const [settings, benefits] = await Promise.all([publicSettings(), memberBenefits()]);
        const policy = { freeCancelHours: benefits.free_cancel_hours, feePercent: settings.cancelFeePercent };
        const fee = this.data.raw.filter((b) => ids.includes(b.id)).reduce((sum, b) => sum + cancelPreview(b, policy, Date.now()).feeFen, 0);
        const text = fee ? `取消这 ${ids.length} 个预约共收取手续费 ${formatFen(fee)}，其余金额退回钱包。` : `取消这 ${ids.length} 个预约不收手续费。`;
        if (!(await confirm('批量取消', text, '确认取消'))) return;
        const res = await bookings.cancelMany(ids);
        const failed = res.data.filter((r) => !r.ok);
        if (failed.length) wx.showModal({ title: '部分未取消', content: `${failed.length} 个预约没有取消：${failed[0].error ? failed[0].error.message : ''}`, showCancel: false });
        else wx.showToast({ title: `已取消 ${ids.length} 个`, icon: 'none' });
        this.setData({ picking: false });
        await this.load();
      } catch (e) {
        showError(e);
      }
    },
  },
});
