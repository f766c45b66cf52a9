/**
 * After paying: confirmed, a WeChat hold still waiting for payment (with its countdown and "pay now"),
 * an expired hold (the seat is free again: pick again), or a desk payment waiting for its proof.
 */
import { bookings } from '../../../services/api';
import { payHold } from '../../../services/booking-flow';
import { toApiError } from '../../../services/errors';
import type { Booking } from '../../../services/types';
import { formatFen } from '../../../utils/money';
import { loadPage, showError } from '../../../utils/page';
import { formatRange } from '../../../utils/time';
import { loadedPage } from '../../../behaviors/loaded-page';

type View = 'confirmed' | 'awaiting_payment' | 'awaiting_desk' | 'expired' | 'cancelled';

function viewOf(b: Booking): View {
  if (b.status === 'pending_payment') return b.payWith === 'offline' ? 'awaiting_desk' : 'awaiting_payment';
  if (b.status === 'expired') return 'expired';
  if (b.status === 'cancelled') return 'cancelled';
  return 'confirmed';
}

const TITLES: Record<View, string> = {
  confirmed: '预约成功',
  awaiting_payment: '待支付',
  awaiting_desk: '请到前台付款',
  expired: '支付超时',
  cancelled: '预约已取消',
};

Component({
  behaviors: [loadedPage],
  data: {
    state: 'loading',
    error: '',
    errorCode: '',
    id: '',
    view: 'confirmed' as View,
    title: '',
    booking: null as null | Booking,
    when: '',
    total: '',
    holdMs: 0,
    proofUrl: '',
    uploading: false,
    paying: false,
  },
  methods: {
    onLoad(query: Record<string, string>) {
      this.setData({ id: query.id });
      this.load();
    },
    load() {
      return loadPage(this, async () => this.present((await bookings.detail(this.data.id)).data));
    },
    present(b: Booking) {
      const view = viewOf(b);
      return {
        booking: b,
        view,
        title: TITLES[view],
        when: formatRange(b.start, b.end),
        total: formatFen(b.total_fen),
        holdMs: b.holdExpiresAt ? Math.max(0, new Date(b.holdExpiresAt).getTime() - Date.now()) : 0,
        proofUrl: b.offlineProof ? b.offlineProof.url : '',
      };
    },
    /** The countdown reached zero: the server expires the hold; show it as expired. */
    onHoldFinish() {
      this.setData({ view: 'expired', title: TITLES.expired, holdMs: 0 });
    },
    async onPayNow() {
      if (this.data.paying) return;
      this.setData({ paying: true });
      try {
        const r = await payHold(this.data.id);
        this.setData(this.present(r.booking));
      } catch (e) {
        if (toApiError(e).code === 'HOLD_EXPIRED') this.onHoldFinish();
        else showError(e);
      } finally {
        this.setData({ paying: false });
      }
    },
    onUploadProof() {
      wx.chooseMedia({
        count: 1,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
        success: async (r) => {
          const file = r.tempFiles[0];
          if (file.size > 5 * 1024 * 1024) {
            wx.showModal({ title: '图片太大', content: '付款凭证图片不能超过 5 MB，请截图后重新选择。', showCancel: false });
            return;
          }
          this.setData({ uploading: true });
          try {
            const b = (await bookings.uploadOfflineProof(this.data.id, file.tempFilePath)).data;
            this.setData({ ...this.present(b) });
            wx.showToast({ title: '已上传，等待前台确认', icon: 'none' });
          } catch (e) {
            if (toApiError(e).code === 'HOLD_EXPIRED') this.onHoldFinish();
            else showError(e);
          } finally {
            this.setData({ uploading: false });
          }
        },
      });
    },
    onShowQr() {
      wx.redirectTo({ url: `/subpackages/booking/detail/index?id=${this.data.id}` });
    },
    onPickAgain() {
      const b = this.data.booking;
      wx.redirectTo({ url: `/subpackages/booking/room/index?room=${b ? b.room.id : ''}` });
    },
    onHome() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
