/**
 * Who may do what on the announcements and parameters pages: the content editor does all of the
 * announcement work and nothing else; the front desk reads; the manager does everything.
 */
import { useCms, loginStaff } from '../../support';

type Role = 'store-manager' | 'front-desk' | 'content-editor';
const ROLES: Role[] = ['store-manager', 'front-desk', 'content-editor'];

// Writes aim at an announcement that does not exist, so an allowed call answers 404 and nothing changes.
const ROUTES: { method: 'get' | 'post' | 'put' | 'delete'; path: string; body?: object; allowed: Role[] }[] = [
  { method: 'get', path: '/booking/announcements', allowed: ['store-manager', 'front-desk', 'content-editor'] },
  { method: 'get', path: '/booking/announcement-audiences', allowed: ['store-manager', 'front-desk', 'content-editor'] },
  { method: 'get', path: '/booking/announcements/nope', allowed: ['store-manager', 'front-desk', 'content-editor'] },
  { method: 'post', path: '/booking/announcements', body: { title: '' }, allowed: ['store-manager', 'content-editor'] },
  { method: 'put', path: '/booking/announcements/nope', body: { title: 'x', audience: 'all' }, allowed: ['store-manager', 'content-editor'] },
  { method: 'delete', path: '/booking/announcements/nope', allowed: ['store-manager', 'content-editor'] },
  { method: 'post', path: '/booking/announcements/nope/schedule', allowed: ['store-manager', 'content-editor'] },
  { method: 'post', path: '/booking/announcements/nope/publish', allowed: ['store-manager', 'content-editor'] },
  { method: 'post', path: '/booking/announcements/nope/unpublish', allowed: ['store-manager', 'content-editor'] },
  { method: 'get', path: '/booking/parameters', allowed: ['store-manager', 'front-desk'] },
  { method: 'put', path: '/booking/parameters', body: { hold_minutes: 'x' }, allowed: ['store-manager'] },
  // Nothing else of the back office for the content editor.
  { method: 'get', path: '/booking/dashboard', allowed: ['store-manager', 'front-desk'] },
  { method: 'get', path: '/booking/members', allowed: ['store-manager', 'front-desk'] },
];

describe('announcements and parameters: role matrix', () => {
  const cms = useCms();
  const auth: Partial<Record<Role, Record<string, string>>> = {};
  beforeAll(async () => {
    for (const role of ROLES) auth[role] = (await loginStaff(cms, role)).auth;
  });

  const cases = ROUTES.flatMap((r) => ROLES.map((role) => [role, r.method.toUpperCase(), r.path, r.allowed.includes(role)] as const));
  it.each(cases)('%s %s %s → allowed: %s', async (role, method, url, allowed) => {
    const route = ROUTES.find((r) => r.path === url && r.method.toUpperCase() === method)!;
    let req = cms.api[route.method](url);
    if (route.body) req = req.send(route.body);
    const res = await req.set(auth[role]!);
    if (allowed) {
      expect(res.status).not.toBe(403);
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status).toBe(403);
    }
  });

  it('in the content manager the content editor reaches announcements and nothing else', async () => {
    const editor = auth['content-editor']!;
    expect((await cms.api.get('/content-manager/collection-types/api::announcement.announcement').set(editor)).status).toBe(200);
    for (const uid of ['api::room.room', 'api::coupon-template.coupon-template', 'api::tag.tag', 'plugin::users-permissions.user']) {
      expect((await cms.api.get(`/content-manager/collection-types/${uid}`).set(editor)).status).toBe(403);
    }
    expect((await cms.api.get('/content-manager/single-types/api::parameter.parameter').set(editor)).status).toBe(403);
  });

  it('the parameters single type is edited on its page, not in the content manager', async () => {
    const res = await cms.api.get('/content-manager/content-types').set(auth['store-manager']!);
    const parameter = (res.body.data as any[]).find((ct) => ct.uid === 'api::parameter.parameter');
    expect(parameter?.isDisplayed).toBe(false);
  });
});
