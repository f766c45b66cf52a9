/**
 * Room detail and the booking itself: photos, opening hours and prices; the time range on the slot grid;
 * the seat map for that range; the quote with membership discount and coupon; and paying from the
 * wallet, with WeChat, or at the desk when the store allows it. Opened from "book again" with the seat
 * and range filled in, it is one tap from paid.
 */
import { coupons, quotes, rooms, waitlist, wallet } from '../../../services/api';
import { placeBooking } from '../../../services/booking-flow';
import { ApiError, toApiError } from '../../../services/errors';
import { BookingAttempt } from '../../../services/idempotency';
import { LiveSeats, type WaitlistOfferMessage } from '../../../services/live';
import { askForReminders, prepareReminders } from '../../../services/reminders';
import { memberBenefits, offlinePaymentEnabled, publicSettings } from '../../../services/store';
import type { Availability, Coupon, OpeningHours, PayWith, Quote, RoomDetail, TakenRange } from '../../../services/types';
import { mediaUrl } from '../../../utils/media';
import { formatFen, formatFenShort } from '../../../utils/money';
import { loadPage, showError } from '../../../utils/page';
import { buildSeatMap, countFree, SEAT_TYPE_NAMES, type MapCell } from '../../../utils/seat-map';
import { nextBookableRange, rangeInstants, rangeProblem, type GridRules } from '../../../utils/slots';
import { remindersFor } from '../../../utils/subscriptions';
import { WEEKDAY_NAMES, clockLabel, durationLabel, storeDate } from '../../../utils/time';
import { loadedPage } from '../../../behaviors/loaded-page';

const PROBLEM_TEXT: Record<string, string> = {
  MISALIGNED: '请按时间格选择时段',
  OUTSIDE_OPENING_HOURS: '所选时段不在营业时间内',
  PAST: '这个时段已经过去了',
  BEYOND_HORIZON: '超出了可预约的天数',
  TOO_LONG: '超过了单次预约的最长时长',
  CLOSED: '这一天不营业',
};

function hoursText(hours: OpeningHours[]): string[] {
  // Groups consecutive weekdays with the same hours: "周一至周五 08:00–23:00".
  const lines: string[] = [];
  let i = 0;
  const sorted = hours.slice().sort((a, b) => a.weekday - b.weekday);
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1].weekday === sorted[j].weekday + 1 && sorted[j + 1].opens === sorted[i].opens && sorted[j + 1].closes === sorted[i].closes) j += 1;
    const days = i === j ? WEEKDAY_NAMES[sorted[i].weekday] : `${WEEKDAY_NAMES[sorted[i].weekday]}至${WEEKDAY_NAMES[sorted[j].weekday]}`;
    const all = sorted[i].opens === '00:00' && sorted[i].closes === '24:00';
    lines.push(`${days} ${all ? '24 小时' : `${sorted[i].opens}–${sorted[i].closes}`}`);
    i = j + 1;
  }
  return lines;
}

Component({
  behaviors: [loadedPage],
  data: {
    state: 'loading',
    error: '',
    errorCode: '',
    roomId: '',
    room: null as null | RoomDetail,
    photos: [] as string[],
    hoursLines: [] as string[],
    priceLines: [] as Array<{ name: string; price: string }>,
    rules: { slotMinutes: 30, openingHours: [], horizonDays: 7, maxBookingMinutes: 720 } as GridRules,
    now: 0,
    date: '',
    start: -1,
    end: -1,
    availability: null as null | Availability,
    rows: [] as MapCell[][],
    caption: '',
    seatId: '',
    seatLabel: '',
    seatTypeName: '',
    seatTaken: [] as TakenRange[],
    quote: null as null | Quote,
    quoteLines: [] as Array<{ name: string; value: string }>,
    quoteError: '',
    quoting: false,
    couponList: [] as Coupon[],
    couponId: '',
    couponText: '不使用',
    payWith: 'wallet' as PayWith,
    offlineEnabled: false,
    holdMinutes: 15,
    offlineHoldMinutes: 30,
    balanceFen: 0,
    balanceText: '',
    totalText: '',
    canPay: false,
    paying: false,
    hint: '',
    /** The chosen range has no free seat: offer the waiting list instead. */
    full: false,
    joining: false,
    live: false,
  },
  methods: {
    onLoad(query: Record<string, string>) {
      (this as any).attempt = new BookingAttempt();
      (this as any).liveSeats = this.startLive();
      this.setData({
        roomId: query.room,
        seatId: query.seat || '',
        date: query.date || '',
        start: query.start ? Number(query.start) : -1,
        end: query.end ? Number(query.end) : -1,
        payWith: (query.pay as PayWith) || 'wallet',
      });
      this.load();
      void prepareReminders();
    },
    onShow() {
      // Back from another page: follow the day again (the refetch on subscribing catches up).
      const live = (this as any).liveSeats as LiveSeats | null;
      if (live && this.data.availability) live.follow(this.data.roomId, this.data.date);
    },
    onHide() {
      const live = (this as any).liveSeats as LiveSeats | null;
      if (live) live.stop();
    },
    onUnload() {
      const live = (this as any).liveSeats as LiveSeats | null;
      if (live) live.stop();
    },
    /** Live seat status (when the runtime has sockets): pushes redraw the map, gaps refetch the day. */
    startLive(): LiveSeats | null {
      if (typeof wx === 'undefined' || typeof (wx as any).connectSocket !== 'function') return null;
      return new LiveSeats({
        onAvailability: (day) => {
          this.setData({ availability: day });
          this.redrawMap();
        },
        onRefetch: () => {
          this.loadAvailability(true);
        },
        onOffer: (offer: WaitlistOfferMessage) => {
          wx.showModal({
            title: '候补座位已为你保留',
            content: `${offer.roomName} ${offer.seatLabel} 已为你保留，请在倒计时结束前支付。`,
            confirmText: '去支付',
            success: (r) => {
              if (r.confirm) wx.navigateTo({ url: `/subpackages/booking/result/index?id=${offer.booking}` });
            },
          });
        },
        onStatus: (status) => this.setData({ live: status === 'live' }),
      });
    },
    async load(refresh = false) {
      const ok = await loadPage(this, async () => {
        const [detail, settings, benefits, purse, mine] = await Promise.all([
          rooms.detail(this.data.roomId),
          publicSettings(refresh),
          memberBenefits(refresh),
          wallet.summary(),
          coupons.mine({ usable: true }).catch(() => ({ data: [] as Coupon[] })),
        ]);
        const room = detail.data;
        const rules: GridRules = { slotMinutes: settings.slotMinutes, openingHours: room.openingHours, horizonDays: benefits.booking_horizon_days, maxBookingMinutes: settings.maxBookingMinutes };
        const now = Date.now();
        let { date, start, end } = this.data;
        if (!date) {
          const next = nextBookableRange(rules, 120, now);
          date = next ? next.date : storeDate(now);
          start = next ? next.start : -1;
          end = next ? next.end : -1;
        }
        wx.setNavigationBarTitle({ title: room.name });
        return {
          room,
          photos: room.photos.map((p) => mediaUrl(p)).filter(Boolean),
          hoursLines: hoursText(room.openingHours),
          priceLines: room.prices.map((p) => ({ name: SEAT_TYPE_NAMES[p.seatType] || p.seatType, price: `${formatFenShort(p.price_per_hour_fen)}/小时` })),
          rules,
          now,
          date,
          start,
          end,
          offlineEnabled: offlinePaymentEnabled(settings),
          holdMinutes: settings.holdMinutes,
          offlineHoldMinutes: settings.offlinePayment ? settings.offlinePayment.holdMinutes : 30,
          balanceFen: purse.data.balance_fen,
          balanceText: formatFen(purse.data.balance_fen),
          couponList: mine.data.filter((c) => c.applies_to !== 'recharge'),
        };
      });
      if (ok) await this.loadAvailability();
    },
    async loadAvailability(quiet = false) {
      const live = (this as any).liveSeats as LiveSeats | null;
      try {
        const res = await rooms.availability(this.data.roomId, this.data.date);
        this.setData({ availability: res.data });
        if (live) {
          live.refetched(res.data);
          if (!quiet) live.follow(this.data.roomId, this.data.date);
        }
        this.redrawMap();
        if (!quiet) await this.requote();
      } catch (e) {
        if (quiet) return; // a live refetch that failed: the next push or reconnect tries again
        this.setData({ state: 'error', error: toApiError(e).message, errorCode: toApiError(e).code });
      }
    },
    range(): { start: string; end: string } | null {
      const { date, start, end } = this.data;
      return date && start >= 0 && end > start ? rangeInstants(date, start, end) : null;
    },
    redrawMap() {
      const a = this.data.availability;
      const room = this.data.room;
      if (!a || !room) return;
      const range = this.range();
      const rows = buildSeatMap(room.layout, a.seats, range, this.data.seatId);
      const chosen = rows.flat().find((c) => c.seatId === this.data.seatId);
      // A remembered seat that is no longer free for this range is dropped, with a word why.
      const lost = this.data.seatId && (!chosen || chosen.state !== 'free');
      const seat = lost ? null : chosen;
      const seatAvailability = a.seats.find((s) => s.id === (seat ? seat.seatId : ''));
      const free = countFree(rows);
      const caption = range ? `${clockLabel(this.data.start)}–${clockLabel(this.data.end)} · ${free} 个空位` : '先选择时段，再选座位';
      this.setData({
        rows: lost ? buildSeatMap(room.layout, a.seats, range, '') : rows,
        caption,
        seatId: seat ? seat.seatId : '',
        seatLabel: seat ? seat.label : '',
        seatTypeName: seat && seat.seatType ? SEAT_TYPE_NAMES[seat.seatType] : '',
        seatTaken: seatAvailability ? seatAvailability.taken : [],
        hint: lost ? '上次的座位在这个时段已被占用，请另选一个座位。' : '',
        // Full for me: no free seat, and I hold none in the range myself (then there is nothing to wait for).
        full: !!range && free === 0 && !rows.flat().some((c) => c.state === 'mine'),
      });
    },
    async requote() {
      const range = this.range();
      const { seatId, couponId, date, start, end, rules } = this.data;
      const problem = range ? rangeProblem(date, start, end, rules, Date.now()) : 'EMPTY';
      if (!seatId || problem) {
        this.setData({ quote: null, quoteLines: [], quoteError: problem && problem !== 'EMPTY' ? PROBLEM_TEXT[problem] : '', canPay: false, totalText: '' });
        return;
      }
      this.setData({ quoting: true });
      try {
        const q = (await quotes.create({ seat: seatId, start: range!.start, end: range!.end, ...(couponId ? { coupon: couponId } : {}) })).data;
        const quoteLines = [{ name: `座位费 · ${durationLabel(end - start)}`, value: formatFen(q.base_fen) }];
        if (q.member_discount_fen) quoteLines.push({ name: '会员折扣', value: `-${formatFen(q.member_discount_fen)}` });
        if (q.coupon_discount_fen) quoteLines.push({ name: '优惠券', value: `-${formatFen(q.coupon_discount_fen)}` });
        this.setData({ quote: q, quoteLines, quoteError: '', canPay: true, totalText: formatFen(q.total_fen), quoting: false });
      } catch (e) {
        const err = toApiError(e);
        // A coupon that does not fit this booking is dropped rather than blocking the booking.
        if (err.code === 'COUPON_INVALID' && couponId) {
          this.setData({ couponId: '', couponText: '不使用', quoting: false });
          wx.showToast({ title: '这张券不适用，已取消使用', icon: 'none' });
          await this.requote();
          return;
        }
        this.setData({ quote: null, quoteLines: [], quoteError: err.message, canPay: false, totalText: '', quoting: false });
      }
    },
    async onRangeChange(e: WechatMiniprogram.CustomEvent) {
      const { date, start, end } = e.detail as { date: string; start: number; end: number };
      const dateChanged = date !== this.data.date;
      this.setData({ date, start, end });
      if (dateChanged) await this.loadAvailability();
      else {
        this.redrawMap();
        await this.requote();
      }
    },
    async onSeatSelect(e: WechatMiniprogram.CustomEvent) {
      this.setData({ seatId: e.detail.seatId, hint: '' });
      this.redrawMap();
      await this.requote();
    },
    /** Every seat is taken for the range: wait in line for any seat of this room. */
    async onJoinWaitlist() {
      const range = this.range();
      if (!range || this.data.joining) return;
      // Asked inside the tap, before any await: a reminder when a seat is held for the member.
      const reminders = askForReminders(['waitlist_offer']);
      this.setData({ joining: true });
      try {
        await reminders;
        const entry = (await waitlist.join({ room: this.data.roomId, start: range.start, end: range.end })).data;
        wx.showToast({ title: entry.offer ? '有空位，已为你保留' : `已排队，第 ${entry.position} 位`, icon: 'none' });
        wx.navigateTo({ url: '/subpackages/booking/waitlist/index' });
      } catch (e) {
        showError(e);
      } finally {
        this.setData({ joining: false });
      }
    },
    onCouponTap() {
      const list = this.data.couponList;
      if (!list.length) {
        wx.showToast({ title: '暂无可用优惠券', icon: 'none' });
        return;
      }
      wx.showActionSheet({
        itemList: ['不使用优惠券', ...list.map((c) => c.name)].slice(0, 6),
        success: async (r) => {
          const c = r.tapIndex === 0 ? null : list[r.tapIndex - 1];
          this.setData({ couponId: c ? c.id : '', couponText: c ? c.name : '不使用' });
          await this.requote();
        },
      });
    },
    onPayWithTap(e: WechatMiniprogram.TouchEvent) {
      this.setData({ payWith: e.currentTarget.dataset.pay as PayWith });
    },
    async onPay() {
      const range = this.range();
      if (!this.data.canPay || this.data.paying || !range) return;
      if (this.data.payWith === 'wallet' && this.data.quote && this.data.quote.total_fen > this.data.balanceFen) {
        showError(new ApiError('INSUFFICIENT_BALANCE', 402));
        return;
      }
      // Asked inside the tap, before any await (WeChat allows the dialog only from a tap).
      const reminders = askForReminders(remindersFor(this.data.payWith));
      this.setData({ paying: true });
      try {
        await reminders;
        const body = { seat: this.data.seatId, start: range.start, end: range.end, payWith: this.data.payWith, ...(this.data.couponId ? { coupon: this.data.couponId } : {}) };
        const result = await placeBooking(body, (this as any).attempt);
        wx.redirectTo({ url: `/subpackages/booking/result/index?id=${result.booking.id}&outcome=${result.outcome}` });
      } catch (e) {
        showError(e);
        const code = toApiError(e).code;
        if (code === 'SEAT_TAKEN' || code === 'ROOM_UNAVAILABLE') await this.loadAvailability();
      } finally {
        this.setData({ paying: false });
      }
    },
  },
});
