import type { Core } from '@strapi/strapi';

const MEMBER_ROLE = 'plugin::users-permissions.role';
const MEMBER_PERMISSION = 'plugin::users-permissions.permission';
const ADMIN_ROLE = 'admin::role';

/**
 * Roles and their permissions (bootstrap keeps them as the code declares). Written through Strapi's query
 * layer so the member-auth cache hears every permission change.
 */
export const rolesRepository = (strapi: Core.Strapi) => ({
  async memberRoleId(type: string): Promise<number | null> {
    const role = await strapi.db.query(MEMBER_ROLE as any).findOne({ where: { type }, select: ['id'] });
    return role ? Number(role.id) : null;
  },

  async memberPermissions(roleId: number): Promise<{ id: number; action: string }[]> {
    return strapi.db.query(MEMBER_PERMISSION as any).findMany({ where: { role: roleId }, select: ['id', 'action'] });
  },

  async dropMemberPermissions(ids: number[]): Promise<void> {
    if (ids.length) await strapi.db.query(MEMBER_PERMISSION as any).deleteMany({ where: { id: { $in: ids } } });
  },

  async grantMemberPermission(roleId: number, action: string): Promise<void> {
    await strapi.db.query(MEMBER_PERMISSION as any).create({ data: { action, role: roleId } });
  },

  adminRoleByCode(code: string): Promise<any | null> {
    return strapi.db.query(ADMIN_ROLE as any).findOne({ where: { code } });
  },
});
