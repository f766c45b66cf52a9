import type { TestCms } from './cms';

export interface Member {
  id: number;
  openid: string;
  jwt: string;
  refreshToken: string;
  auth: { Authorization: string };
}

let seq = 0;

/** A member logged in through the emulator's code2Session, exactly as the mini program does. */
export async function loginMember(cms: TestCms, openid = `o_test_${process.pid}_${++seq}_${Date.now().toString(36)}`): Promise<Member> {
  const code = cms.emulator.issueCode({ openid });
  const res = await cms.api.post('/api/auth/wechat/login').send({ code });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, openid, jwt: res.body.jwt, refreshToken: res.body.refreshToken, auth: { Authorization: `Bearer ${res.body.jwt}` } };
}

export async function banMember(cms: TestCms, userId: number, until: Date, reason: string) {
  await cms.strapi.db.query('plugin::users-permissions.user').update({ where: { id: userId }, data: { ban_until: until, ban_reason: reason } });
}
