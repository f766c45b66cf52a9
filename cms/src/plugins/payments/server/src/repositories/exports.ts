import { sql } from '../../../../../platform/sql';
import { tableName, toDate, toInt, UID } from './support';

/** Keyset pages of the rows the CSV exports stream (id > afterId, ordered by id, at most `limit`). */
export const exportsRepository = (strapi: any) => {
  const usersTable = () => strapi.db.metadata.get('plugin::users-permissions.user').tableName;

  return {
    async ledgerPage(range: { from: Date; to: Date }, afterId: number, limit: number) {
      const knex = await sql(strapi);
      const rows = await knex(tableName(strapi, UID.ledger))
        .select('id', 'occurred_at', 'user_id', 'type', 'amount_fen', 'bonus_amount_fen', 'balance_after_fen', 'ref_kind', 'ref_id', 'actor_type', 'actor_id', 'note')
        .where('id', '>', afterId)
        .andWhere('occurred_at', '>=', range.from)
        .andWhere('occurred_at', '<', range.to)
        .orderBy('id', 'asc')
        .limit(limit);
      return rows.map((r: any) => ({ ...r, id: toInt(r.id), occurred_at: toDate(r.occurred_at) }));
    },

    async refundRequestPage(range: { from: Date; to: Date }, afterId: number, limit: number) {
      const knex = await sql(strapi);
      const rows = await knex(tableName(strapi, UID.refundRequest))
        .select('id', 'document_id', 'created_at', 'user_id', 'kind', 'status', 'amount_fen', 'approved_fen', 'refunded_fen', 'booking_ref', 'reason', 'decision_note', 'decided_at')
        .where('id', '>', afterId)
        .andWhere('created_at', '>=', range.from)
        .andWhere('created_at', '<', range.to)
        .orderBy('id', 'asc')
        .limit(limit);
      return rows.map((r: any) => ({ ...r, id: toInt(r.id), created_at: toDate(r.created_at), decided_at: toDate(r.decided_at) }));
    },

    /** Members who signed up in the range, with their wallet (left join: members without money show 0). */
    async memberPage(range: { from: Date; to: Date }, afterId: number, limit: number) {
      const knex = await sql(strapi);
      const users = usersTable();
      const wallets = tableName(strapi, UID.wallet);
      const rows = await knex(users)
        .leftJoin(wallets, `${wallets}.user_id`, `${users}.id`)
        .select(
          `${users}.id as id`,
          `${users}.nickname as nickname`,
          `${users}.openid as openid`,
          `${users}.created_at as created_at`,
          `${users}.ban_until as ban_until`,
          `${wallets}.balance_fen as balance_fen`,
          `${wallets}.bonus_fen as bonus_fen`,
          `${wallets}.recharged_total_fen as recharged_total_fen`,
        )
        .where(`${users}.id`, '>', afterId)
        .andWhere(`${users}.created_at`, '>=', range.from)
        .andWhere(`${users}.created_at`, '<', range.to)
        .orderBy(`${users}.id`, 'asc')
        .limit(limit);
      return rows.map((r: any) => ({ ...r, id: toInt(r.id), created_at: toDate(r.created_at), ban_until: toDate(r.ban_until) }));
    },
  };
};
