/**
 * A fake CMS answering the member API from demo data, with hooks tests override (e.g. the booking
 * answer). Good enough to drive pages; the real contract is exercised by the end-to-end journey.
 */
import * as demo from './demo-data';
import { fail, ok, type FakeRequest, type FakeResponse } from './wx';
import { storeDate } from '../../../miniprogram/utils/time';

export interface FakeCms {
  handler(req: FakeRequest): Promise<FakeResponse>;
  routes: Record<string, (req: FakeRequest, params: string[]) => FakeResponse | Promise<FakeResponse>>;
  bookings: Map<string, any>;
  calls: string[];
}

export function fakeCms(overrides: Partial<FakeCms['routes']> = {}): FakeCms {
  const bookings = new Map<string, any>();
  const calls: string[] = [];
  let n = 0;
  const routes: FakeCms['routes'] = {
    'POST /api/auth/wechat/login': () => ({ status: 200, body: { jwt: 'jwt-a', refreshToken: 'r-a', user: { id: 1 } } }),
    'GET /api/settings/public': () => ok(demo.settings),
    'GET /api/announcements': () => ok(demo.announcements),
    'GET /api/announcements/:id': (_r, [id]) => ok(demo.announcements.find((a) => a.id === id)),
    'GET /api/users/me': () => ({ status: 200, body: { data: { id: 1, documentId: 'u1', nickname: '小林', avatar: null, tier: { code: 'gold', name: '金卡', expiresAt: null }, tags: [], ban: null }, meta: {} } }),
    'GET /api/booking/rooms': () => ok(demo.roomSummaries),
    'GET /api/booking/rooms/:id': (_r, [id]) => ok(demo.roomDetail(id)),
    'GET /api/booking/rooms/:id/availability': (r) => ok(demo.availability(r.query.date, { start: `${r.query.date}T00:00:00+08:00`, end: `${r.query.date}T00:00:00+08:00` })),
    'GET /api/payments/wallet': () => ok(demo.walletSummary),
    'GET /api/payments/coupons': () => ok(demo.coupons.filter((c) => c.status === 'unused')),
    'GET /api/payments/recharge-packages': () => ok(demo.packages),
    'GET /api/payments/memberships/tiers': () => ok(demo.tiers),
    'GET /api/payments/transactions': () => ok(demo.ledger, { pagination: { page: 1, pageSize: 25, pageCount: 1, total: demo.ledger.length } }),
    'GET /api/payments/transactions/stats': () => ok({ byType: [], in_fen: 11880, out_fen: -2040 }),
    'GET /api/payments/refund-requests': () => ok(demo.refundRequests),
    'POST /api/booking/quotes': (r) => {
      const hours = (new Date(r.body.end).getTime() - new Date(r.body.start).getTime()) / 3_600_000;
      const base = Math.round(800 * hours);
      const member = Math.floor(base / 10);
      const coupon = r.body.coupon ? 500 : 0;
      return ok({ base_fen: base, member_discount_fen: member, coupon_discount_fen: coupon, total_fen: base - member - coupon });
    },
    'POST /api/booking/bookings': (r) => {
      n += 1;
      const b = demo.booking({
        id: `bk-new-${n}`,
        seat: { id: r.body.seat, label: r.body.seat.replace('seat-', ''), type: 'window' },
        start: r.body.start,
        end: r.body.end,
        payWith: r.body.payWith,
        status: r.body.payWith === 'wallet' ? 'confirmed' : 'pending_payment',
        holdExpiresAt: r.body.payWith === 'wallet' ? null : new Date(Date.now() + 15 * 60_000).toISOString(),
        ...(r.body.payWith === 'wechat' ? { payment: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 's' } } : {}),
        ...(r.body.payWith === 'offline' ? { offlineProof: null } : {}),
      });
      bookings.set(b.id, b);
      return ok(b, {}, 201);
    },
    'GET /api/booking/bookings/:id': (_r, [id]) => (bookings.has(id) ? ok(bookings.get(id)) : fail(404, 'NOT_FOUND')),
    'GET /api/booking/bookings': () => ok([...bookings.values()], { pagination: { page: 1, pageSize: 20, pageCount: 1, total: bookings.size } }),
    'GET /api/booking/bookings/:id/qr': () =>
      ok({ token: 'eyJiIjoiYmstdXAiLCJ1IjoxLCJlIjoxNzk2MDkyNzY2NjA1LCJuIjoiWFpBZ2tKSEJIOXUyOVlrcCJ9.3yGoC-71BMBiV0fOAZMQkb6N526sSQ_QBKEsoBHV900', expiresAt: new Date(Date.now() + 60_000).toISOString(), window: { opensAt: '2026-12-01T13:45:00+08:00', closesAt: '2026-12-01T14:15:00+08:00' } }),
    'POST /api/booking/bookings/:id/offline-proof': (_r, [id]) => {
      const b = { ...bookings.get(id), offlineProof: { url: '/uploads/proof.jpg', uploadedAt: new Date().toISOString() } };
      bookings.set(id, b);
      return ok(b);
    },
    'POST /api/booking/bookings/:id/payment': (_r, [id]) => {
      const b = bookings.get(id);
      return new Date(b.holdExpiresAt).getTime() < Date.now() ? fail(410, 'HOLD_EXPIRED') : ok({ ...b, payment: b.payment });
    },
    'POST /api/booking/bookings/:id/cancel': (_r, [id]) => {
      const b = { ...bookings.get(id), status: 'cancelled', fee_fen: 188, refund_fen: bookings.get(id).total_fen - 188 };
      bookings.set(id, b);
      return ok(b);
    },
    ...overrides,
  };
  const match = (method: string, path: string): [FakeCms['routes'][string], string[]] | null => {
    for (const [key, fn] of Object.entries(routes)) {
      const [m, pattern] = key.split(' ');
      if (m !== method) continue;
      const re = new RegExp(`^${pattern.replace(/:[a-z]+/g, '([^/]+)')}$`);
      const hit = re.exec(path);
      if (hit) return [fn, hit.slice(1).map(decodeURIComponent)];
    }
    return null;
  };
  return {
    routes,
    bookings,
    calls,
    async handler(req) {
      calls.push(`${req.method} ${req.path}`);
      const hit = match(req.method, req.path);
      if (!hit) return fail(404, 'NOT_FOUND', {}, `no fake route ${req.method} ${req.path}`);
      return hit[0](req, hit[1]);
    },
  };
}

export const today = (): string => storeDate(Date.now());
