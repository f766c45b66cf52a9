/**
 * Renders every page with demo data (miniprogram-simulate's DOM and the pages' own WXSS) into HTML files
 * that scripts/miniprogram-screenshots.js opens in headless Chromium at phone size. Runs only when asked
 * (MP_SCREENSHOTS=1): it is a picture generator, not a test.
 */
import fs from 'fs';
import path from 'path';
import { loadFresh, render, sleep, MP_ROOT } from '../support/simulate';
import { createWx, fail, installWx, ok, settle } from '../support/wx';
import { fakeCms } from '../support/fake-cms';
import * as demo from '../support/demo-data';
import { saveSession } from '../../../miniprogram/services/session';
import { toHtml } from './html';

jest.setTimeout(60_000);

const OUT = process.env.MP_SCREENSHOT_HTML || path.resolve(__dirname, '..', '..', '.artifacts', 'mp-screens');
const NOW = Date.parse('2026-12-01T13:20:00+08:00'); // a Tuesday afternoon
const asked = process.env.MP_SCREENSHOTS === '1';

interface Shot {
  name: string;
  page: string;
  query?: Record<string, string>;
  tab?: number;
  routes?: Parameters<typeof fakeCms>[0];
  prepare?: (fake: ReturnType<typeof createWx>, cms: ReturnType<typeof fakeCms>) => void;
  after?: (comp: any, fake: ReturnType<typeof createWx>) => Promise<void> | void;
  /** The sources of the page's <image> elements in document order (the simulator drops `src`). */
  images?: (data: any) => string[];
}

const at = (hoursFromNow: number, len = 2) => ({
  start: new Date(NOW + hoursFromNow * 3600_000).toISOString().replace('.000Z', 'Z'),
  end: new Date(NOW + (hoursFromNow + len) * 3600_000).toISOString().replace('.000Z', 'Z'),
});
const upcoming = demo.booking({ id: 'bk-up', start: '2026-12-01T14:00:00+08:00', end: '2026-12-01T16:00:00+08:00' });
const current = demo.booking({ id: 'bk-now', status: 'checked_in', seat: { id: 'seat-C5', label: 'C5', type: 'power' }, start: '2026-12-01T12:00:00+08:00', end: '2026-12-01T15:00:00+08:00', checkedInAt: '2026-12-01T11:56:00+08:00', history: [{ from: null, to: 'confirmed', actor: 'member', actorId: 1, reason: 'paid by wallet', at: '2026-11-30T21:10:00+08:00' }, { from: 'confirmed', to: 'checked_in', actor: 'member', actorId: 1, reason: 'seat code', at: '2026-12-01T11:56:00+08:00' }] });
const list = [
  demo.booking({ id: 'b1', status: 'pending_payment', payWith: 'wechat', seat: { id: 's', label: 'B2', type: 'standard' }, start: '2026-12-02T09:00:00+08:00', end: '2026-12-02T12:00:00+08:00', total_fen: 1800, holdExpiresAt: new Date(NOW + 11 * 60_000).toISOString() }),
  upcoming,
  current,
  demo.booking({ id: 'b3', status: 'completed', seat: { id: 's', label: 'A4', type: 'standard' }, start: '2026-11-30T18:00:00+08:00', end: '2026-11-30T22:00:00+08:00', total_fen: 2160 }),
  demo.booking({ id: 'b4', status: 'cancelled', seat: { id: 's', label: 'B4', type: 'standard' }, start: '2026-11-30T14:00:00+08:00', end: '2026-11-30T16:00:00+08:00', total_fen: 1100, fee_fen: 220, refund_fen: 880 }),
  demo.booking({ id: 'b5', status: 'no_show', room: { id: 'room-a', name: '静音区 A', kind: 'hall' }, seat: { id: 's', label: 'A6', type: 'window' }, start: '2026-11-28T09:00:00+08:00', end: '2026-11-28T11:00:00+08:00', total_fen: 1440 }),
];
void at;

const SHOTS: Shot[] = [
  {
    name: 'error-banned',
    page: 'pages/bookings/index',
    tab: 1,
    routes: { 'GET /api/booking/bookings': () => fail(403, 'BANNED', { until: '2026-12-08T00:00:00+08:00', reason: '7 天内 3 次预约未签到' }) },
  },
  {
    name: 'home',
    page: 'pages/home/index',
    tab: 0,
    images: (data) => data.roomList.map((r: { cover: string }) => r.cover).filter(Boolean),
    prepare: (fake) => fake.storage.set('studyroom.lastBooking', { roomId: 'room-b', roomName: '开放区 B · 24 小时', seatId: 'seat-A1', seatLabel: 'A1', durationMinutes: 120, payWith: 'wallet' }),
  },
  {
    name: 'booking-room',
    page: 'subpackages/booking/room/index',
    images: (data) => data.photos,
    query: { room: 'room-b', seat: 'seat-B2', date: '2026-12-01', start: '840', end: '960', pay: 'wallet' },
    routes: {
      'GET /api/booking/rooms/:id/availability': (r) => ok(demo.availability(r.query.date, { start: '2026-12-01T14:00:00+08:00', end: '2026-12-01T16:00:00+08:00' })),
    },
  },
  {
    name: 'booking-room-full',
    page: 'subpackages/booking/room/index',
    images: (data) => data.photos,
    query: { room: 'room-b', date: '2026-12-01', start: '1080', end: '1260', pay: 'wallet' },
    routes: {
      'GET /api/booking/rooms/:id/availability': (r) => {
        const a = demo.availability(r.query.date, { start: '2026-12-01T18:00:00+08:00', end: '2026-12-01T21:00:00+08:00' });
        for (const s of a.seats) {
          s.taken = s.taken.map((t) => ({ ...t, mine: false }));
          if (!s.taken.length) s.taken.push({ start: '2026-12-01T17:00:00+08:00', end: '2026-12-01T22:00:00+08:00', state: 'booked', mine: false });
        }
        return ok(a);
      },
    },
  },
  {
    name: 'waitlist',
    page: 'subpackages/booking/waitlist/index',
    routes: {
      'GET /api/booking/waitlist': () =>
        ok([
          { id: 'wl-1', room: { id: 'room-b', name: '开放区 B · 24 小时' }, seat: null, start: '2026-12-01T18:00:00+08:00', end: '2026-12-01T21:00:00+08:00', status: 'offered', joinedAt: '2026-12-01T12:40:00+08:00', position: null, offer: { booking: 'bk-offer', seat: { id: 'seat-B4', label: 'B4' }, total_fen: 2160, expiresAt: new Date(NOW + 8 * 60_000 + 30_000).toISOString() } },
          { id: 'wl-2', room: { id: 'room-a', name: '静音区 A' }, seat: { id: 'seat-A6', label: 'A6' }, start: '2026-12-02T09:00:00+08:00', end: '2026-12-02T12:00:00+08:00', status: 'waiting', joinedAt: '2026-12-01T13:05:00+08:00', position: 2, offer: null },
          { id: 'wl-3', room: { id: 'room-b', name: '开放区 B · 24 小时' }, seat: null, start: '2026-12-03T19:00:00+08:00', end: '2026-12-03T22:00:00+08:00', status: 'waiting', joinedAt: '2026-12-01T13:10:00+08:00', position: 1, offer: null },
        ]),
    },
  },
  { name: 'booking-result', page: 'subpackages/booking/result/index', query: { id: 'bk-up' }, prepare: (_f, cms) => cms.bookings.set('bk-up', upcoming) },
  {
    name: 'booking-hold',
    page: 'subpackages/booking/result/index',
    query: { id: 'bk-hold' },
    prepare: (_f, cms) => cms.bookings.set('bk-hold', demo.booking({ id: 'bk-hold', status: 'pending_payment', payWith: 'wechat', holdExpiresAt: new Date(NOW + 12 * 60_000 + 34_000).toISOString() })),
  },
  { name: 'booking-detail', page: 'subpackages/booking/detail/index', query: { id: 'bk-up' }, prepare: (_f, cms) => cms.bookings.set('bk-up', upcoming) },
  { name: 'announcement', page: 'subpackages/booking/announcement/index', query: { id: 'an-1' } },
  { name: 'bookings', page: 'pages/bookings/index', tab: 1, prepare: (_f, cms) => list.forEach((b) => cms.bookings.set(b.id, b)) },
  {
    name: 'bookings-batch-cancel',
    page: 'pages/bookings/index',
    tab: 1,
    prepare: (_f, cms) => list.forEach((b) => cms.bookings.set(b.id, b)),
    after: async (comp) => {
      comp.querySelector('.toolbar .link').dispatchEvent('tap');
      await settle();
      comp.querySelectorAll('.booking').slice(0, 2).forEach((b: any) => b.dispatchEvent('tap'));
    },
  },
  {
    name: 'wallet',
    page: 'pages/wallet/index',
    tab: 2,
    routes: { 'GET /api/payments/transactions/stats': () => ok({ byType: [], in_fen: 11880, out_fen: -2040 }) },
  },
  { name: 'wallet-recharge', page: 'subpackages/wallet/recharge/index', routes: { 'GET /api/payments/coupons': () => ok([]) } },
  {
    name: 'wallet-transactions',
    page: 'subpackages/wallet/transactions/index',
    routes: {
      'GET /api/payments/transactions': () => ok(demo.ledger, { pagination: { page: 1, pageSize: 25, pageCount: 1, total: 4 } }),
      'GET /api/payments/transactions/stats': () => ok({ byType: [{ type: 'recharge', total_fen: 10000 }, { type: 'recharge_bonus', total_fen: 1000 }, { type: 'cancellation_refund', total_fen: 880 }, { type: 'booking_payment', total_fen: -2040 }], in_fen: 11880, out_fen: -2040 }),
    },
  },
  { name: 'wallet-membership', page: 'subpackages/wallet/membership/index', routes: { 'GET /api/payments/memberships/tiers': () => ok(demo.tiers) } },
  { name: 'wallet-coupons', page: 'subpackages/wallet/coupons/index', routes: { 'GET /api/payments/coupons': () => ok(demo.coupons) } },
  {
    name: 'self-service',
    page: 'pages/self-service/index',
    tab: 3,
    routes: {
      'GET /api/booking/bookings': (r) => ok(r.query.status === 'checked_in' ? [current] : [demo.booking({ id: 'bk-next', start: '2026-12-02T09:00:00+08:00', end: '2026-12-02T12:00:00+08:00', seat: { id: 's', label: 'A1', type: 'window' } })]),
    },
  },
  { name: 'service', page: 'pages/service/index', tab: 4, after: async (comp) => {
    comp.querySelectorAll('.qa')[1].dispatchEvent('tap');
  } },
  {
    name: 'service-refunds',
    page: 'subpackages/service/refunds/index',
    routes: { 'GET /api/payments/refund-requests': () => ok(demo.refundRequests), 'GET /api/booking/bookings': () => ok([]) },
  },
  {
    name: 'service-ban',
    page: 'subpackages/service/ban/index',
    routes: {
      'GET /api/users/me': () => {
        const p = { id: 1, documentId: 'u1', nickname: '小林', avatar: null, tier: null, tags: [], ban: { until: '2026-12-08T00:00:00+08:00', reason: '7 天内 3 次预约未签到（爽约）', appeal: null } };
        return { status: 200, body: { ...p, data: p, meta: {} } };
      },
    },
  },
  { name: 'service-profile', page: 'subpackages/service/profile/index' },
];

// TDesign components as small look-alikes. The simulator's WXML compiler only reads files under the
// project root, so the stubs are copied into miniprogram/.screenshot-stubs (git-ignored) for the run.
const STUB_DIR = path.join(MP_ROOT, '.screenshot-stubs');
const stub = (name: string) => `/.screenshot-stubs/${name}/index`;
const TDESIGN_STUBS = { 't-notice-bar': stub('notice-bar'), 't-count-down': stub('count-down'), 't-qrcode': stub('qrcode') };

const titleOf = (page: string): string => {
  const json = JSON.parse(fs.readFileSync(path.join(MP_ROOT, `${page}.json`), 'utf8'));
  return json.navigationBarTitleText || '自习室预约';
};

if (!asked) it.skip('renders the screenshots only when asked: npm run screenshots:miniprogram', () => undefined);

if (asked) describe('mini program screenshots (HTML)', () => {
  beforeAll(() => {
    jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'performance', 'hrtime'] });
    fs.mkdirSync(OUT, { recursive: true });
    fs.cpSync(path.join(__dirname, 'stubs'), STUB_DIR, { recursive: true });
  });
  afterAll(() => {
    jest.useRealTimers();
    fs.rmSync(STUB_DIR, { recursive: true, force: true });
  });

  for (const shot of SHOTS) {
    it(shot.name, async () => {
      const cms = fakeCms(shot.routes ?? {});
      const fake = installWx(createWx({ handler: cms.handler }));
      saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
      shot.prepare?.(fake, cms);
      const comp = render(loadFresh(shot.page, TDESIGN_STUBS));
      comp.instance.onLoad(shot.query ?? {});
      await settle();
      if (shot.after) await shot.after(comp, fake);
      await settle();
      let tabHtml = '';
      if (shot.tab !== undefined) {
        // Its own class prefix, as WeChat isolates the tab bar's styles from the page's.
        const bar = render(loadFresh('custom-tab-bar/index', {}, 'custom-tab-bar'));
        bar.setData({ selected: shot.tab });
        await sleep(5);
        tabHtml = bar.dom.outerHTML;
        bar.detach?.();
      }
      const title = shot.name.startsWith('booking-room') ? '开放区 B · 24 小时' : titleOf(shot.page);
      const html = toHtml({ title, styles: Array.from(document.head.querySelectorAll('style')).map((s) => s.innerHTML), body: comp.dom.outerHTML, tabBar: tabHtml, images: shot.images?.(comp.instance.data) });
      fs.writeFileSync(path.join(OUT, `${shot.name}.html`), html);
      comp.detach?.();
    });
  }
});
