import type { Core } from '@strapi/strapi';
import { queueWrite, selectRows, sql, writeRows } from '../../../../../platform/sql';

/**
 * The availability version of each room, kept in the database: every transaction that changes a
 * room's seat time increments it before it commits, so "the cached day is current" never depends on
 * Redis having accepted a write. The row lock is taken last in the transaction (rooms in id order),
 * so it is held only for the commit.
 */
export const roomVersionsRepository = (strapi: Core.Strapi) => {
  const table = () => strapi.db.metadata.get('plugin::booking.room-version').tableName;
  const roomsTable = () => strapi.db.metadata.get('api::room.room' as any).tableName;

  return {
    /**
     * Inside the caller's transaction: one more committed change for each room. `mayRelease` (every
     * change but one that only adds claims) also counts it as a possible release of seat time.
     */
    async increment(roomIds: number[], mayRelease = true): Promise<void> {
      const bump = `UPDATE \`${table()}\` SET \`version\` = \`version\` + 1${mayRelease ? ', `released` = `released` + 1' : ''} WHERE \`room_id\` = ?`;
      for (const roomId of [...new Set(roomIds)].sort((a, b) => a - b)) {
        if ((await writeRows(strapi, bump, [roomId])).affectedRows > 0) continue;
        // First change of this room ever: create its row (a concurrent creator wins harmlessly).
        const knex = await sql(strapi);
        await knex(table()).insert({ room_id: roomId, version: 0, released: 0 }).onConflict('room_id').ignore();
        await writeRows(strapi, bump, [roomId]);
      }
    },

    /**
     * `increment` of one room's version alone (a change that only adds claims), answering the new version
     * in the same statement: MySQL/MariaDB through LAST_INSERT_ID(expr), which the statement's reply
     * carries; SQLite through RETURNING. Null when the room had no row yet (then `increment` made it).
     * On MySQL/MariaDB the statement is queued (platform/sql.ts `queueStatement`): it leaves with the
     * transaction's other last writes, and `version` settles then. Await it only after the commit.
     */
    async incrementVersion(roomId: number): Promise<{ version: Promise<number | null> }> {
      if (strapi.db.dialect.client === 'sqlite') {
        const [row] = await selectRows(strapi, `UPDATE \`${table()}\` SET \`version\` = \`version\` + 1 WHERE \`room_id\` = ? RETURNING \`version\``, [roomId]);
        if (!row) await this.increment([roomId], false);
        return { version: Promise.resolve(row ? Number(row.version) : null) };
      }
      const { result } = await queueWrite(strapi, `UPDATE \`${table()}\` SET \`version\` = LAST_INSERT_ID(\`version\` + 1) WHERE \`room_id\` = ?`, [roomId], async ({ affectedRows, insertId }) => {
        if (affectedRows > 0) return insertId;
        await this.increment([roomId], false);
        return null;
      });
      return { version: result };
    },

    /**
     * Both counters of a room by its numeric id (0 before its first change): the version, and the count of
     * possible releases of its seat time.
     */
    async countersOf(roomId: number): Promise<{ version: number; released: number }> {
      const [row] = await selectRows(strapi, `SELECT \`version\`, \`released\` FROM \`${table()}\` WHERE \`room_id\` = ?`, [roomId]);
      return { version: Number(row?.version ?? 0), released: Number(row?.released ?? 0) };
    },

    /** Every room's documentId and committed counters (0 before its first change). */
    async all(): Promise<{ roomDocumentId: string; version: number; released: number }[]> {
      const knex = await sql(strapi);
      const rows = await knex(`${roomsTable()} as r`).leftJoin(`${table()} as v`, 'v.room_id', 'r.id').select('r.document_id as roomDocumentId', 'v.version as version', 'v.released as released');
      return rows.map((r: any) => ({ roomDocumentId: String(r.roomDocumentId), version: Number(r.version ?? 0), released: Number(r.released ?? 0) }));
    },

    /** The room's id and current version (0 before its first change), or null when no such room. */
    async current(roomDocumentId: string): Promise<{ roomId: number; version: string } | null> {
      const knex = await sql(strapi);
      const row = await knex(`${roomsTable()} as r`)
        .leftJoin(`${table()} as v`, 'v.room_id', 'r.id')
        .where('r.document_id', roomDocumentId)
        .first('r.id as roomId', 'v.version as version');
      if (!row) return null;
      return { roomId: Number(row.roomId), version: String(row.version ?? 0) };
    },
  };
};
