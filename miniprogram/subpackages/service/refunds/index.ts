/**
 * Refund requests: withdraw unused recharge money, or dispute a charge on a booking; and the status of
 * the ones already filed.
 */
import { bookings, refunds, wallet } from '../../../services/api';
import type { Booking, RefundRequest } from '../../../services/types';
import { formatFen, parseYuan } from '../../../utils/money';
import { loadPage, showError } from '../../../utils/page';
import { formatDateTime, formatRange } from '../../../utils/time';
import { loadedPage } from '../../../behaviors/loaded-page';

export const REFUND_STATUS: Record<string, { name: string; color: string }> = {
  pending: { name: '审核中', color: 'orange' },
  refunding: { name: '退款中', color: '' },
  completed: { name: '已退款', color: 'green' },
  partially_refunded: { name: '部分退款', color: 'green' },
  rejected: { name: '未通过', color: 'red' },
  failed: { name: '退款失败', color: 'red' },
};

function refundLine(r: RefundRequest) {
  const s = REFUND_STATUS[r.status] || { name: r.status, color: 'grey' };
  return {
    id: r.id,
    title: r.kind === 'withdraw' ? `余额提现 ${r.amount_fen ? formatFen(r.amount_fen) : ''}` : '扣费申诉',
    reason: r.reason,
    at: formatDateTime(r.createdAt),
    statusName: s.name,
    statusColor: s.color,
    note: r.decision_note || '',
  };
}

Component({
  behaviors: [loadedPage],
  data: {
    state: 'loading',
    error: '',
    errorCode: '',
    list: [] as ReturnType<typeof refundLine>[],
    kind: 'withdraw' as 'withdraw' | 'dispute',
    amount: '',
    reason: '',
    withdrawable: 0,
    withdrawableText: '',
    disputable: [] as Array<{ id: string; text: string }>,
    bookingIndex: -1,
    sending: false,
  },
  methods: {
    load() {
      return loadPage(this, async () => {
        const [mine, w, done] = await Promise.all([refunds.mine(), wallet.summary(), bookings.list({ status: 'completed', pageSize: 10 }).catch(() => ({ data: [] as Booking[] }))]);
        const withdrawable = w.data.withdrawable_fen ?? w.data.balance_fen;
        return {
          list: mine.data.map(refundLine),
          withdrawable,
          withdrawableText: formatFen(withdrawable),
          disputable: done.data.map((b) => ({ id: b.id, text: `${b.seat.label} · ${formatRange(b.start, b.end)} · ${formatFen(b.total_fen)}` })),
        };
      });
    },
    onKind(e: WechatMiniprogram.TouchEvent) {
      this.setData({ kind: e.currentTarget.dataset.kind });
    },
    onAmount(e: WechatMiniprogram.Input) {
      this.setData({ amount: e.detail.value });
    },
    onReason(e: WechatMiniprogram.Input) {
      this.setData({ reason: e.detail.value });
    },
    onBooking(e: WechatMiniprogram.PickerChange) {
      this.setData({ bookingIndex: Number(e.detail.value) });
    },
    async onSubmit() {
      const { kind, amount, reason, bookingIndex, disputable, withdrawable, sending } = this.data;
      if (sending) return;
      if (reason.trim().length < 2) {
        wx.showToast({ title: '请写下原因', icon: 'none' });
        return;
      }
      const body: Parameters<typeof refunds.create>[0] = { kind, reason: reason.trim() };
      if (kind === 'withdraw') {
        const fen = amount ? parseYuan(amount) : withdrawable;
        if (!fen || fen > withdrawable) {
          wx.showToast({ title: `最多可提现 ${formatFen(withdrawable)}`, icon: 'none' });
          return;
        }
        body.amount_fen = fen;
      } else {
        if (bookingIndex < 0) {
          wx.showToast({ title: '请选择要申诉的预约', icon: 'none' });
          return;
        }
        body.booking = disputable[bookingIndex].id;
      }
      this.setData({ sending: true });
      try {
        await refunds.create(body);
        wx.showToast({ title: '已提交，等待审核', icon: 'none' });
        this.setData({ amount: '', reason: '', bookingIndex: -1 });
        await this.load();
      } catch (e) {
        showError(e);
      } finally {
        this.setData({ sending: false });
      }
    },
  },
});
