/** Shared steps of the back-office tests: staff of a role, members with a history, tags. */
import type { TestCms } from './cms';
import { loginStaff } from './staff';

export type Staff = Awaited<ReturnType<typeof loginStaff>>;

export async function createTag(cms: TestCms, name: string, code: string) {
  return cms.strapi.documents('api::tag.tag').create({ data: { name, code, color: '#4945ff', rule: 'none' } });
}

export const inDays = (days: number) => new Date(Date.now() + days * 86400_000);

/** ISO with the store's +08:00 offset, as the admin page sends it. */
export function isoCst(d: Date) {
  const shifted = new Date(d.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

export async function setNickname(cms: TestCms, userId: number, nickname: string) {
  await cms.strapi.db.query('plugin::users-permissions.user').update({ where: { id: userId }, data: { nickname } });
}
