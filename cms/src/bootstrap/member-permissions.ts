/**
 * What members (the "authenticated" role) and anonymous visitors ("public") may call, declared in
 * code. Anything not listed is removed at every boot, so a click in the admin can't widen it by
 * accident: a member can never list or read other members through the generic content API.
 */
export const MEMBER_ACTIONS = [
  'plugin::users-permissions.user.me',
  'plugin::users-permissions.auth.logout',
  // A client that always sends its (still valid) access token must be able to rotate its refresh token.
  'plugin::users-permissions.auth.refresh',
  'api::member.member.updateProfile',
  'api::member.member.uploadAvatar',
  'api::member.member.fileAppeal',
  'api::member.member.subscriptions',
  'api::member.member.acceptSubscriptions',
  'api::announcement.announcement.visible',
  'api::announcement.announcement.visibleOne',
];

export const PUBLIC_ACTIONS = ['plugin::users-permissions.auth.refresh', 'plugin::users-permissions.auth.logout'];

const PERMISSION_UID = 'plugin::users-permissions.permission';

export async function applyMemberPermissions(strapi: any, extra: { member?: string[]; public?: string[] } = {}) {
  const wanted: Record<string, string[]> = {
    authenticated: [...MEMBER_ACTIONS, ...(extra.member ?? [])],
    public: [...PUBLIC_ACTIONS, ...(extra.public ?? [])],
  };
  for (const [type, actions] of Object.entries(wanted)) {
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } });
    if (!role) continue;
    const existing = await strapi.db.query(PERMISSION_UID).findMany({ where: { role: role.id } });
    const have = new Set(existing.map((p: any) => p.action));
    const stale = existing.filter((p: any) => !actions.includes(p.action)).map((p: any) => p.id);
    if (stale.length) await strapi.db.query(PERMISSION_UID).deleteMany({ where: { id: { $in: stale } } });
    for (const action of actions) {
      if (!have.has(action)) await strapi.db.query(PERMISSION_UID).create({ data: { action, role: role.id } });
    }
  }
}
