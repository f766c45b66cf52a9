import type { Core } from '@strapi/strapi';

export interface MemberSummary {
  id: number;
  nickname: string | null;
  avatar: string | null;
}

/** Who a booking belongs to, as staff pages show it (the members table is users-permissions'; read only). */
export const membersRepository = (strapi: Core.Strapi) => ({
  async summaries(userIds: number[]): Promise<Map<number, MemberSummary>> {
    if (userIds.length === 0) return new Map();
    const rows = await strapi.db.query('plugin::users-permissions.user').findMany({ where: { id: { $in: [...new Set(userIds)] } }, select: ['id', 'nickname', 'avatar'] });
    return new Map(rows.map((r: any) => [r.id, { id: r.id, nickname: r.nickname ?? null, avatar: r.avatar ?? null }]));
  },
});
