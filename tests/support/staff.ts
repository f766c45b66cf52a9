import type { TestCms } from './cms';

let seq = 0;

/** An admin-panel user with one of the staff roles, logged in through /admin/login. */
export async function loginStaff(cms: TestCms, roleCode: 'store-manager' | 'front-desk' | 'content-editor' | 'strapi-super-admin') {
  seq += 1;
  const email = `${roleCode}.${seq}.${Date.now()}@staff.test`;
  const password = 'StaffPassw0rd!';
  const role = await cms.strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  if (!role) throw new Error(`no admin role ${roleCode}`);
  await cms.strapi.service('admin::user').create({ email, firstname: 'Test', lastname: roleCode, password, isActive: true, roles: [role.id] });
  const res = await cms.api.post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`staff login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = res.body.data.token ?? res.body.data.accessToken;
  return { email, token, id: Number(res.body.data.user?.id), auth: { Authorization: `Bearer ${token}` } };
}
