/**
 * 自助 tab: my current seat with the time left and check-out; the next booking, checked in by scanning
 * the code on the seat (wx.scanCode) or by showing the QR code to the front desk.
 */
import { bookings } from '../../services/api';
import type { Booking } from '../../services/types';
import { confirm, loadPage, selectTab, showError } from '../../utils/page';
import { formatRange, formatTime, remainingLabel } from '../../utils/time';
import { seatCodeFrom } from '../../utils/seat-code';
import { loadedPage } from '../../behaviors/loaded-page';


Component({
  behaviors: [loadedPage],
  data: {
    state: 'loading',
    error: '',
    errorCode: '',
    current: null as null | Booking,
    currentWhen: '',
    leftText: '',
    endsAt: '',
    next: null as null | Booking,
    nextWhen: '',
    busy: false,
  },
  lifetimes: {
    detached() {
      this.stopTicker();
    },
  },
  methods: {
    onShow() {
      selectTab(this, 3);
      if (this.data.state !== 'loading') this.load();
    },
    onHide() {
      this.stopTicker();
    },
    async load() {
      await loadPage(
        this,
        async () => {
          const [inUse, upcoming] = await Promise.all([bookings.list({ status: 'checked_in', pageSize: 5 }), bookings.list({ status: 'confirmed', pageSize: 20 })]);
          const current = inUse.data[0] ?? null;
          const next = upcoming.data.slice().sort((a, b) => a.start.localeCompare(b.start))[0] ?? null;
          return {
            current,
            currentWhen: current ? formatRange(current.start, current.end) : '',
            endsAt: current ? formatTime(current.end) : '',
            next,
            nextWhen: next ? formatRange(next.start, next.end) : '',
          };
        },
        (d) => !d.current && !d.next,
      );
      this.startTicker();
    },
    startTicker() {
      this.stopTicker();
      const tick = () => {
        const c = this.data.current;
        this.setData({ leftText: c ? remainingLabel(new Date(c.end).getTime() - Date.now()) : '' });
      };
      tick();
      if (this.data.current) (this as any).ticker = setInterval(tick, 1000);
    },
    stopTicker() {
      if ((this as any).ticker) clearInterval((this as any).ticker);
      (this as any).ticker = null;
    },
    onScan() {
      if (this.data.busy) return;
      wx.scanCode({
        onlyFromCamera: true,
        scanType: ['qrCode'],
        success: async (r) => {
          this.setData({ busy: true });
          try {
            const b = (await bookings.checkIn({ seatCode: seatCodeFrom(r.result) })).data;
            wx.showToast({ title: `签到成功 · ${b.seat.label}`, icon: 'none' });
            await this.load();
          } catch (e) {
            showError(e);
          } finally {
            this.setData({ busy: false });
          }
        },
      });
    },
    async onCheckout() {
      const c = this.data.current;
      if (!c || this.data.busy) return;
      if (!(await confirm('签退', `现在签退并释放 ${c.seat.label} 座？`, '签退'))) return;
      this.setData({ busy: true });
      try {
        await bookings.checkOut(c.id);
        wx.showToast({ title: '已签退，欢迎再来', icon: 'none' });
        await this.load();
      } catch (e) {
        showError(e);
      } finally {
        this.setData({ busy: false });
      }
    },
    onShowQr() {
      if (this.data.next) wx.navigateTo({ url: `/subpackages/booking/detail/index?id=${this.data.next.id}` });
    },
    onBook() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
