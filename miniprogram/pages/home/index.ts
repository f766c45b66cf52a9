/**
 * 预约 tab: pinned announcements, "book again" (the last seat and duration, one tap away) and the rooms
 * with their free seats now.
 */
import { content, rooms } from '../../services/api';
import { publicSettings } from '../../services/store';
import type { Announcement, RoomSummary } from '../../services/types';
import { mediaUrl } from '../../utils/media';
import { formatFenShort } from '../../utils/money';
import { loadPage, selectTab } from '../../utils/page';
import { lastPreference, type SeatPreference } from '../../utils/preference';
import { nextBookableRange } from '../../utils/slots';
import { WEEKDAY_NAMES, clockLabel, durationLabel, storeDate, weekdayOf } from '../../utils/time';
import { loadedPage } from '../../behaviors/loaded-page';

interface RoomCard {
  id: string;
  name: string;
  kindText: string;
  place: string;
  freeSeats: number;
  seatCount: number;
  fromPrice: string;
  full: boolean;
  closed: boolean;
  cover: string;
}

function roomCard(r: RoomSummary): RoomCard {
  const cheapest = r.prices.length ? Math.min(...r.prices.map((p) => p.price_per_hour_fen)) : 0;
  return {
    id: r.id,
    name: r.name,
    kindText: r.kind === 'private' ? '包间' : '开放区',
    place: [r.floor, r.address].filter(Boolean).join(' · '),
    freeSeats: r.freeSeats ?? 0,
    seatCount: r.seatCount,
    fromPrice: cheapest ? `${formatFenShort(cheapest)}/小时起` : '',
    full: (r.freeSeats ?? 0) === 0,
    closed: r.status !== 'open',
    cover: r.photos.length ? mediaUrl(r.photos[0]) : '',
  };
}

Component({
  behaviors: [loadedPage],
  data: {
    state: 'loading',
    error: '',
    errorCode: '',
    pinned: [] as Announcement[],
    bannerText: '',
    roomList: [] as RoomCard[],
    sortByFree: true,
    again: null as null | (SeatPreference & { when: string; url: string }),
  },
  methods: {
    onShow() {
      selectTab(this, 0);
      this.refreshBookAgain();
    },
    load(refresh = false) {
      return loadPage(
        this,
        async () => {
          const [list, news] = await Promise.all([rooms.list({ sort: 'availability' }), content.announcements().catch(() => ({ data: [] as Announcement[] })), publicSettings(refresh)]);
          const pinned = news.data.filter((a) => a.pinned);
          await this.refreshBookAgain();
          return { roomList: this.sorted(list.data.map(roomCard)), pinned, bannerText: pinned.map((a) => a.title).join('　·　') };
        },
        (d) => !(d.roomList as RoomCard[]).length,
      );
    },
    sorted(list: RoomCard[]): RoomCard[] {
      const copy = list.slice();
      if (this.data.sortByFree) copy.sort((a, b) => Number(a.closed) - Number(b.closed) || b.freeSeats - a.freeSeats);
      else copy.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
      return copy;
    },
    async refreshBookAgain() {
      const pref = lastPreference();
      if (!pref) {
        this.setData({ again: null });
        return;
      }
      try {
        const s = await publicSettings();
        const detail = await rooms.detail(pref.roomId);
        const next = nextBookableRange(
          { slotMinutes: s.slotMinutes, openingHours: detail.data.openingHours, horizonDays: s.bookingHorizonDays, maxBookingMinutes: s.maxBookingMinutes },
          pref.durationMinutes,
          Date.now(),
        );
        if (!next) {
          this.setData({ again: null });
          return;
        }
        const day = next.date === storeDate(Date.now()) ? '今天' : WEEKDAY_NAMES[weekdayOf(next.date)];
        const when = `${day} ${clockLabel(next.start)}–${clockLabel(next.end)} · ${durationLabel(pref.durationMinutes)}`;
        const url = `/subpackages/booking/room/index?room=${pref.roomId}&seat=${pref.seatId}&date=${next.date}&start=${next.start}&end=${next.end}&pay=${pref.payWith}`;
        this.setData({ again: { ...pref, when, url } });
      } catch {
        this.setData({ again: null });
      }
    },
    onBookAgain() {
      if (this.data.again) wx.navigateTo({ url: this.data.again.url });
    },
    onToggleSort() {
      this.setData({ sortByFree: !this.data.sortByFree });
      this.setData({ roomList: this.sorted(this.data.roomList) });
    },
    onRoomTap(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/subpackages/booking/room/index?room=${e.currentTarget.dataset.id}` });
    },
    onBannerTap() {
      const first = this.data.pinned[0];
      if (first) wx.navigateTo({ url: `/subpackages/booking/announcement/index?id=${first.id}` });
    },
  },
});
