/**
 * 我的候补: the member's waiting-list entries – place in line while waiting; once a seat frees up, the
 * hold made for them with its countdown and "pay" (the ordinary hold payment on the result page); and
 * leaving the line.
 */
import { waitlist } from '../../../services/api';
import { LiveSeats } from '../../../services/live';
import type { WaitlistEntry } from '../../../services/types';
import { confirm, loadPage, showError } from '../../../utils/page';
import { waitlistRow, type WaitlistRow } from '../../../utils/waitlist-view';
import { loadedPage } from '../../../behaviors/loaded-page';

Component({
  behaviors: [loadedPage],
  data: {
    state: 'loading',
    error: '',
    errorCode: '',
    list: [] as WaitlistRow[],
    leaving: '',
  },
  methods: {
    onShow() {
      if (this.data.state === 'ready' || this.data.state === 'empty') this.load();
      // An offer made while the page is open shows up at once (the member's own live messages).
      if (typeof (wx as any).connectSocket === 'function') {
        const live: LiveSeats =
          (this as any).live ||
          ((this as any).live = new LiveSeats({
            onAvailability: () => undefined,
            onRefetch: () => undefined,
            onOffer: () => {
              wx.showToast({ title: '有座位为你保留了', icon: 'none' });
              this.load();
            },
          }));
        live.listen();
      }
    },
    onHide() {
      if ((this as any).live) (this as any).live.stop();
    },
    onUnload() {
      if ((this as any).live) (this as any).live.stop();
    },
    load() {
      return loadPage(
        this,
        async () => {
          const entries: WaitlistEntry[] = (await waitlist.list()).data;
          const now = Date.now();
          return { list: entries.map((e) => waitlistRow(e, now)) };
        },
        (d) => (d.list as WaitlistRow[]).length === 0,
      );
    },
    /** The offer's countdown ran out: the hold lapses on the server; show the line as it is now. */
    onOfferFinish() {
      this.load();
    },
    onPay(e: WechatMiniprogram.TouchEvent) {
      const booking = e.currentTarget.dataset.booking as string;
      if (booking) wx.navigateTo({ url: `/subpackages/booking/result/index?id=${booking}` });
    },
    async onLeave(e: WechatMiniprogram.TouchEvent) {
      const id = e.currentTarget.dataset.id as string;
      const row = this.data.list.find((r) => r.id === id);
      if (!row || this.data.leaving) return;
      const sure = await confirm('退出候补', row.offered ? '为你保留的座位也会释放给下一位。确定退出吗？' : '退出后将失去当前排位。确定退出吗？', '退出');
      if (!sure) return;
      this.setData({ leaving: id });
      try {
        await waitlist.leave(id);
        wx.showToast({ title: '已退出候补', icon: 'none' });
        await this.load();
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ leaving: '' });
      }
    },
    onFindSeat() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
