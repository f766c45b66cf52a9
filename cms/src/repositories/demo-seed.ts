import type { Core } from '@strapi/strapi';

/**
 * What the demo seeding reads and writes that no use case does: counting rooms, finding demo rooms and
 * staff by name, creating demo members, the seats to spread bookings over. Member rows go through
 * Strapi's query layer like every member write (the member-auth cache hears them).
 */
export const demoSeedRepository = (strapi: Core.Strapi) => {
  const q = (uid: string) => strapi.db.query(uid as any);
  return {
    roomCount: (): Promise<number> => q('api::room.room').count(),

    roomWithPhotos: (name: string): Promise<any | null> => q('api::room.room').findOne({ where: { name }, populate: { photos: true } }),

    async setRoomPhotos(documentId: string, fileIds: number[]): Promise<void> {
      await strapi.documents('api::room.room' as any).update({ documentId, data: { photos: fileIds } as any });
    },

    adminUserByEmail: (email: string): Promise<any | null> => q('admin::user').findOne({ where: { email } }),

    firstAdminUser: (): Promise<any | null> => q('admin::user').findOne({ where: {}, orderBy: { id: 'asc' } }),

    /** A member as WeChat login would have made one, with the authenticated role. */
    async createMember(data: { username: string; email: string; openid: string; nickname: string; avatar: string | null }): Promise<{ id: number }> {
      const role = await q('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
      return q('plugin::users-permissions.user').create({ data: { ...data, provider: 'wechat', confirmed: true, blocked: false, role: role.id } });
    },

    rechargePackages: (): Promise<any[]> => q('api::recharge-package.recharge-package').findMany({ orderBy: { sort: 'asc' } }),

    /** Enabled seats with their room's id, document id and kind. */
    enabledSeats: (): Promise<any[]> => q('api::seat.seat').findMany({ where: { enabled: true }, populate: { room: { select: ['id', 'documentId', 'kind'] } }, limit: 1000 }),

    async latestCompletedWalletBooking(): Promise<{ user_id: number; document_id: string } | null> {
      const table = strapi.db.metadata.get('plugin::booking.booking' as any).tableName;
      return (await strapi.db.connection(table).where({ status: 'completed', pay_method: 'wallet' }).orderBy('id', 'desc').first()) ?? null;
    },

    async bookingCount(): Promise<number> {
      const table = strapi.db.metadata.get('plugin::booking.booking' as any).tableName;
      const row = await strapi.db.connection(table).count({ n: '*' }).first();
      return Number((row as any)?.n ?? 0);
    },
  };
};
