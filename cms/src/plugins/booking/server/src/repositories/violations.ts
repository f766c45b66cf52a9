import type { Core } from '@strapi/strapi';
import { newDocumentId } from '../../../../../platform/document-ids';
import { sql } from '../../../../../platform/sql';

export const violationsRepository = (strapi: Core.Strapi) => {
  const table = () => strapi.db.metadata.get('plugin::booking.violation').tableName;
  return {
    async record(userId: number, bookingId: number, at: Date) {
      const now = new Date();
      await (await sql(strapi))(table()).insert({ document_id: newDocumentId(), user_id: userId, booking_id: bookingId, kind: 'no_show', at, created_at: now, updated_at: now, published_at: now });
    },
    async timesSince(userId: number, since: Date): Promise<Date[]> {
      const rows = await (await sql(strapi))(table()).select('at').where('user_id', userId).andWhere('at', '>', since);
      return rows.map((r: any) => new Date(r.at));
    },
  };
};
