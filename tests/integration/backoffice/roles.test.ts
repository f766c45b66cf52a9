import path from 'path';
import { useCms, DIST_DIR, createRoom, loginStaff } from '../../support';

type Role = 'store-manager' | 'front-desk' | 'content-editor';

/**
 * Each staff role against each back-office route of this branch: allowed routes answer (not 403), the
 * others 403. Writes target a booking that does not exist, so an allowed call answers 404 and nothing
 * changes between roles.
 */
const ROUTES: { method: 'get' | 'post'; path: string; body?: object; allowed: Role[] }[] = [
  { method: 'get', path: '/booking/dashboard', allowed: ['store-manager', 'front-desk'] },
  { method: 'get', path: '/booking/dashboard/charts', allowed: ['store-manager', 'front-desk'] },
  { method: 'get', path: '/booking/board', allowed: ['store-manager', 'front-desk'] },
  { method: 'get', path: '/booking/bookings', allowed: ['store-manager', 'front-desk'] },
  { method: 'get', path: '/booking/bookings/nope', allowed: ['store-manager', 'front-desk'] },
  { method: 'post', path: '/booking/bookings/nope/cancel', body: { reason: 'x' }, allowed: ['store-manager', 'front-desk'] },
  { method: 'post', path: '/booking/bookings/nope/move', body: { seat: 'nope' }, allowed: ['store-manager', 'front-desk'] },
  { method: 'post', path: '/booking/bookings/nope/checkin', body: {}, allowed: ['store-manager', 'front-desk'] },
  { method: 'post', path: '/booking/checkin', body: { token: 'not-a-real-token-at-all' }, allowed: ['store-manager', 'front-desk'] },
  { method: 'get', path: '/booking/offline-payments', allowed: ['store-manager', 'front-desk'] },
  { method: 'post', path: '/booking/offline-payments/nope/confirm', body: {}, allowed: ['store-manager', 'front-desk'] },
  { method: 'post', path: '/booking/offline-payments/nope/reject', body: { reason: 'not received' }, allowed: ['store-manager', 'front-desk'] },
  { method: 'get', path: '/booking/waitlist', allowed: ['store-manager', 'front-desk'] },
  { method: 'post', path: '/booking/waitlist/nope/remove', body: { reason: 'duplicate' }, allowed: ['store-manager', 'front-desk'] },
  { method: 'get', path: '/booking/exports/bookings?from=2026-05-01&to=2026-05-02', allowed: ['store-manager'] },
  { method: 'get', path: '/payments/exports/ledger?from=2026-05-01&to=2026-05-02', allowed: ['store-manager'] },
  { method: 'get', path: '/payments/exports/refund-requests?from=2026-05-01&to=2026-05-02', allowed: ['store-manager'] },
  { method: 'get', path: '/payments/exports/members?from=2026-05-01&to=2026-05-02', allowed: ['store-manager'] },
];
const ROLES: Role[] = ['store-manager', 'front-desk', 'content-editor'];

describe('back-office role matrix', () => {
  const cms = useCms();
  const auth: Partial<Record<Role, Record<string, string>>> = {};
  beforeAll(async () => {
    await createRoom(cms, { seats: 2 });
    for (const role of ROLES) auth[role] = (await loginStaff(cms, role)).auth;
  }, 300_000);

  const cases = ROUTES.flatMap((r) => ROLES.map((role) => [role, r.method.toUpperCase(), r.path, r.allowed.includes(role)] as const));
  it.each(cases)('%s %s %s → allowed: %s', async (role, method, url, allowed) => {
    const route = ROUTES.find((r) => r.path === url)!;
    const req = route.method === 'get' ? cms.api.get(url) : cms.api.post(url).send(route.body ?? {});
    const res = await req.set(auth[role]!);
    if (allowed) {
      expect(res.status).not.toBe(403);
      expect(res.status).toBeLessThan(500);
    } else expect(res.status).toBe(403);
  });

  it('only the store manager may cancel without the fee', async () => {
    const desk = await cms.api.post('/booking/bookings/nope/cancel').set(auth['front-desk']!).send({ waiveFee: true });
    expect(desk.status).toBe(403);
    expect(desk.body.error.details.code).toBe('FORBIDDEN');
    const manager = await cms.api.post('/booking/bookings/nope/cancel').set(auth['store-manager']!).send({ waiveFee: true });
    expect(manager.status).toBe(404);
  });

  it('the admin pages name the same actions the server registers', () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const server = require(path.join(DIST_DIR, 'src', 'plugins', 'booking', 'server', 'src', 'permissions'));
    const registered = [...Object.values(server.ADMIN_ACTIONS), ...Object.values(server.ROOM_ADMIN_ACTIONS)] as string[];
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const fs = require('fs');
    const pages = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'cms', 'src', 'plugins', 'booking', 'admin', 'src', 'utils', 'permissions.ts'), 'utf8');
    const named = [...pages.matchAll(/'(plugin::booking\.[a-z.-]+)'/g)].map((m: RegExpMatchArray) => m[1]);
    expect(named.sort()).toEqual(registered.sort());
  });
});
