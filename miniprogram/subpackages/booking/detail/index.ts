/**
 * One booking: its status and price, the rotating check-in QR code while it is waiting for check-in,
 * the status history, and the actions that fit its status (pay, cancel with the fee shown first,
 * check out early).
 */
import { bookings, wallet } from '../../../services/api';
import { payHold } from '../../../services/booking-flow';
import { memberBenefits, publicSettings } from '../../../services/store';
import type { Booking } from '../../../services/types';
import { PAY_NAMES, STATUS_COLORS, STATUS_NAMES, historyLines } from '../../../utils/booking-view';
import { cancelPreview } from '../../../utils/cancellation';
import { formatFen } from '../../../utils/money';
import { confirm, loadPage, showError } from '../../../utils/page';
import { formatDateTime, formatRange } from '../../../utils/time';
import { loadedPage } from '../../../behaviors/loaded-page';

Component({
  behaviors: [loadedPage],
  data: {
    state: 'loading',
    error: '',
    errorCode: '',
    id: '',
    booking: null as null | Booking,
    statusName: '',
    statusColor: '',
    when: '',
    lines: [] as Array<{ name: string; value: string }>,
    history: [] as Array<{ key: string; text: string; at: string; reason: string }>,
    showQr: false,
    canCancel: false,
    canCheckout: false,
    canPay: false,
    busy: false,
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
      const lines = [
        { name: '座位费', value: formatFen(b.base_fen) },
        ...(b.member_discount_fen ? [{ name: '会员折扣', value: `-${formatFen(b.member_discount_fen)}` }] : []),
        ...(b.coupon_discount_fen ? [{ name: '优惠券', value: `-${formatFen(b.coupon_discount_fen)}` }] : []),
        { name: '实付', value: formatFen(b.total_fen) },
        { name: '支付方式', value: PAY_NAMES[b.payWith] || b.payWith },
        ...(b.fee_fen ? [{ name: '取消手续费', value: formatFen(b.fee_fen) }] : []),
        ...(b.refund_fen ? [{ name: '已退回钱包', value: formatFen(b.refund_fen) }] : []),
        ...(b.checkedInAt ? [{ name: '签到时间', value: formatDateTime(b.checkedInAt) }] : []),
        ...(b.checkedOutAt ? [{ name: '签退时间', value: formatDateTime(b.checkedOutAt) }] : []),
        ...(b.cancelReason ? [{ name: '取消原因', value: b.cancelReason }] : []),
      ];
      return {
        booking: b,
        statusName: STATUS_NAMES[b.status] || b.status,
        statusColor: STATUS_COLORS[b.status] || '',
        when: formatRange(b.start, b.end),
        lines,
        history: historyLines(b),
        showQr: b.status === 'confirmed',
        canCancel: (b.status === 'confirmed' || b.status === 'pending_payment') && new Date(b.start).getTime() > Date.now(),
        canCheckout: b.status === 'checked_in',
        canPay: b.status === 'pending_payment' && b.payWith === 'wechat',
      };
    },
    async onCancel() {
      const b = this.data.booking;
      if (!b || this.data.busy) return;
      try {
        const [settings, benefits] = await Promise.all([publicSettings(), memberBenefits()]);
        const p = cancelPreview(b, { freeCancelHours: benefits.free_cancel_hours, feePercent: settings.cancelFeePercent }, Date.now());
        const text = p.feeFen
          ? `距开始不足 ${benefits.free_cancel_hours} 小时，取消将收取手续费 ${formatFen(p.feeFen)}，退回钱包 ${formatFen(p.refundFen)}。`
          : `现在取消免手续费${p.refundFen ? `，${formatFen(p.refundFen)} 将退回钱包` : ''}。`;
        if (!(await confirm('取消预约', text, '确认取消'))) return;
        this.setData({ busy: true });
        const after = (await bookings.cancel(b.id)).data;
        this.setData(this.present(after));
        wallet.summary().catch(() => undefined);
        wx.showToast({ title: after.fee_fen ? `已取消，手续费 ${formatFen(after.fee_fen)}` : '已取消', icon: 'none' });
      } catch (e) {
        showError(e);
      } finally {
        this.setData({ busy: false });
      }
    },
    async onCheckout() {
      const b = this.data.booking;
      if (!b || this.data.busy) return;
      if (!(await confirm('提前签退', '签退后座位将释放给其他人，确定现在离开吗？', '签退'))) return;
      this.setData({ busy: true });
      try {
        this.setData(this.present((await bookings.checkOut(b.id)).data));
        wx.showToast({ title: '已签退，欢迎再来', icon: 'none' });
      } catch (e) {
        showError(e);
      } finally {
        this.setData({ busy: false });
      }
    },
    async onPay() {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const r = await payHold(this.data.id);
        this.setData(this.present(r.booking));
      } catch (e) {
        showError(e);
        await this.load();
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
