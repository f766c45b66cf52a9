import { rolesRepository } from '../repositories/roles';
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

export async function applyMemberPermissions(strapi: any, extra: { member?: string[]; public?: string[] } = {}) {
  const wanted: Record<string, string[]> = {
    authenticated: [...MEMBER_ACTIONS, ...(extra.member ?? [])],
    public: [...PUBLIC_ACTIONS, ...(extra.public ?? [])],
  };
  const roles = rolesRepository(strapi);
  for (const [type, actions] of Object.entries(wanted)) {
    const roleId = await roles.memberRoleId(type);
    if (roleId === null) continue;
    const existing = await roles.memberPermissions(roleId);
    const have = new Set(existing.map((p) => p.action));
    await roles.dropMemberPermissions(existing.filter((p) => !actions.includes(p.action)).map((p) => p.id));
    for (const action of actions) {
      if (!have.has(action)) await roles.grantMemberPermission(roleId, action);
    }
  }
}
