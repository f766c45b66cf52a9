/**
 * The booking's check-in QR code. The token is short-lived and signed by the server; the component
 * fetches a fresh one shortly before the current one expires (and whenever the page shows again), so
 * the code on screen always scans.
 */
import { bookings } from '../../services/api';
import { toApiError } from '../../services/errors';
import { formatTime } from '../../utils/time';

const MIN_DELAY_MS = 1000;

Component({
  options: { styleIsolation: 'isolated' },
  properties: {
    bookingId: { type: String, value: '' },
    /** Fetch the next token this long before the current one expires. */
    refreshLeadMs: { type: Number, value: 10000 },
  },
  data: { token: '', expiresAt: '', windowText: '', error: '', refreshes: 0, loading: true },
  lifetimes: {
    attached() {
      if (this.data.bookingId) this.refresh();
    },
    detached() {
      this.stop();
    },
  },
  pageLifetimes: {
    // Timers don't run while the mini program is in the background: fetch a fresh token on return.
    show() {
      const self = this as any;
      if (self.hidden && this.data.bookingId) this.refresh();
      self.hidden = false;
    },
    hide() {
      (this as any).hidden = true;
      this.stop();
    },
  },
  methods: {
    stop() {
      const self = this as any;
      if (self.timer) clearTimeout(self.timer);
      self.timer = null;
    },
    async refresh() {
      this.stop();
      const self = this as any;
      try {
        const { data } = await bookings.qr(this.data.bookingId);
        const windowText = data.window ? `签到时间 ${formatTime(data.window.opensAt)}–${formatTime(data.window.closesAt)}` : '';
        this.setData({ token: data.token, expiresAt: data.expiresAt, windowText, error: '', loading: false, refreshes: this.data.refreshes + 1 });
        const delay = Math.max(MIN_DELAY_MS, new Date(data.expiresAt).getTime() - Date.now() - this.data.refreshLeadMs);
        self.timer = setTimeout(() => this.refresh(), delay);
      } catch (e) {
        this.setData({ error: toApiError(e).message, loading: false });
      }
    },
    onRetry() {
      this.setData({ loading: true });
      this.refresh();
    },
  },
});
