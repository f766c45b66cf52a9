/**
 * platform/sql.ts `queueStatement`: writes a use case does not need answered at once leave together
 * (one packet on MariaDB), and a transaction never commits part of them. Run against the real
 * connection of a booted CMS, on a scratch table of the test database.
 */
import path from 'path';
import { useCms, usingMariaDb, DIST_DIR, book, fund, iso, range, loginMember } from '../../support';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const sqlModule = () => require(path.join(DIST_DIR, 'src', 'platform', 'sql'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { inTransaction } = require(path.join(DIST_DIR, 'src', 'platform', 'transaction'));

describe('queued statements of a transaction', () => {
  const cms = useCms({ room: { seats: 2 } });
  const TABLE = 'queued_statements_probe';
  // insertTogether's probe: rows naming a parent row's new id, and a named unique index.
  const CHILD = 'queued_statements_child';
  const CHILD_TAG_INDEX = 'queued_statements_child_tag_uq';

  beforeAll(async () => {
    const knex = cms.strapi.db.connection;
    await knex.schema.dropTableIfExists(TABLE);
    await knex.schema.createTable(TABLE, (t: any) => {
      t.increments('id');
      t.string('name').notNullable().unique();
    });
    await knex.schema.dropTableIfExists(CHILD);
    await knex.schema.createTable(CHILD, (t: any) => {
      t.increments('id');
      t.integer('parent_id').notNullable();
      t.string('tag').notNullable();
      t.unique(['tag'], { indexName: CHILD_TAG_INDEX });
    });
  });

  const names = async () => (await cms.strapi.db.connection(TABLE).select('name').orderBy('id')).map((r: any) => r.name);
  const insert = (name: string) => [`INSERT INTO \`${TABLE}\` (\`name\`) VALUES (?)`, [name]] as const;

  /**
   * What the work sent to the database: its statements (knex's query events, which the app emits for its
   * own statements too) and, on MariaDB, the packets they left in (mysql2's query calls, round trips).
   */
  async function observed(fn: () => Promise<unknown>) {
    const statements: string[] = [];
    const onQuery = (q: any) => statements.push(String(q.sql).trim().split(/\s+/)[0].toLowerCase());
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { Connection } = require('mysql2');
    const query = Connection.prototype.query;
    let packets = 0;
    Connection.prototype.query = function counted(this: unknown, ...args: unknown[]) {
      packets += 1;
      return query.apply(this, args);
    };
    cms.strapi.db.connection.on('query', onQuery);
    try {
      return { value: await fn(), statements, packets };
    } finally {
      cms.strapi.db.connection.off('query', onQuery);
      Connection.prototype.query = query;
    }
  }

  it('queued writes are committed with the transaction, in order, and their answers arrive', async () => {
    const { queueWrite } = sqlModule();
    const { value, statements, packets } = await observed(() =>
      inTransaction(cms.strapi, async () => {
        const a = await queueWrite(cms.strapi, ...insert('first'));
        const b = await queueWrite(cms.strapi, ...insert('second'));
        // Awaiting an answer inside the transaction does not wait for the commit.
        const firstId = (await a.result).insertId;
        return { firstId, secondId: (await b.result).insertId };
      }),
    );
    expect(await names()).toEqual(['first', 'second']);
    expect((value as any).secondId).toBe((value as any).firstId + 1);
    // BEGIN, both inserts, COMMIT: on MariaDB the inserts share one packet.
    expect(statements.filter((s) => s === 'insert')).toHaveLength(2);
    if (usingMariaDb()) expect(packets).toBe(statements.length - 1);
  });

  // MariaDB only: there the failing write leaves in one packet with the queue. On SQLite every statement
  // runs when it is made (nothing is queued), and a failing statement's rollback is the booking suites'.
  (usingMariaDb() ? it : it.skip)('a queued write that fails rolls the whole transaction back, also the statements sent before it', async () => {
    const { queueWrite, writeRows } = sqlModule();
    const before = await names();
    await expect(
      inTransaction(cms.strapi, async () => {
        await writeRows(cms.strapi, ...insert('kept-only-if-committed'));
        await queueWrite(cms.strapi, ...insert('queued-ok'));
        // A name is required (NOT NULL): the database refuses this one.
        await queueWrite(cms.strapi, `INSERT INTO \`${TABLE}\` (\`name\`) VALUES (?)`, [null]);
      }),
    ).rejects.toThrow(/null/i);
    expect(await names()).toEqual(before);
    expect(before).not.toContain('kept-only-if-committed');
  });

  it('a refusal found when a queued write is answered fails the transaction even if the work catches it', async () => {
    const { queueWrite, flushQueued } = sqlModule();
    const before = await names();
    await expect(
      inTransaction(cms.strapi, async () => {
        await queueWrite(cms.strapi, `UPDATE \`${TABLE}\` SET \`name\` = \`name\` WHERE \`id\` = -1`, [], ({ affectedRows }: any) => {
          if (affectedRows !== 1) throw new Error('nothing to update');
        });
        await queueWrite(cms.strapi, ...insert('sent-with-the-refused-update'));
        await flushQueued(cms.strapi).catch(() => undefined); // the use case swallows the refusal…
      }),
    ).rejects.toThrow('nothing to update'); // …and the commit is refused with it
    expect(await names()).toEqual(before);
  });

  describe('insertTogether', () => {
    const children = async () => (await cms.strapi.db.connection(CHILD).select('parent_id', 'tag').orderBy('id')).map((r: any) => ({ parentId: Number(r.parent_id), tag: r.tag }));
    const together = (name: string, tags: string[]) => {
      const { InsertedId } = sqlModule();
      return [
        { table: TABLE, rows: [{ name }], refusedBy: { uniqueIndex: `${TABLE}_name_unique`, error: () => new Error('name taken') } },
        { table: CHILD, rows: tags.map((tag) => ({ parent_id: new InsertedId(0), tag })), refusedBy: { uniqueIndex: CHILD_TAG_INDEX, error: () => new Error('tag taken') } },
      ];
    };

    it("later rows take an earlier insert's new id, all in one round trip on MariaDB", async () => {
      const { insertTogether } = sqlModule();
      const { value: ids, statements, packets } = await observed(() => inTransaction(cms.strapi, () => insertTogether(cms.strapi, together('parent-a', ['a1', 'a2']))));
      const [parentId] = ids as number[];
      const [row] = await cms.strapi.db.connection(TABLE).where({ name: 'parent-a' });
      expect(parentId).toBe(Number(row.id));
      expect((await children()).filter((c) => c.tag.startsWith('a'))).toEqual([
        { parentId, tag: 'a1' },
        { parentId, tag: 'a2' },
      ]);
      // BEGIN, the inserts (and the variable between them), COMMIT.
      if (usingMariaDb()) expect(packets).toBe(3);
      else expect(statements.filter((st) => st === 'insert')).toHaveLength(2);
    });

    it('a refusal throws the error of the insert whose unique index refused it, and nothing of the batch is written', async () => {
      const { insertTogether } = sqlModule();
      await inTransaction(cms.strapi, () => insertTogether(cms.strapi, together('parent-b', ['b1'])));
      const rowsBefore = await names();
      const childrenBefore = await children();
      // The child's tag is taken: its own error, and the new parent rolls back with it.
      await expect(inTransaction(cms.strapi, () => insertTogether(cms.strapi, together('parent-c', ['c1', 'b1'])))).rejects.toThrow('tag taken');
      // The parent's name is taken: the parent's error (the children are never tried).
      await expect(inTransaction(cms.strapi, () => insertTogether(cms.strapi, together('parent-b', ['c2'])))).rejects.toThrow('name taken');
      expect(await names()).toEqual(rowsBefore);
      expect(await children()).toEqual(childrenBefore);
    });
  });

  it('nothing queued is written when the work fails before the commit', async () => {
    const { queueWrite } = sqlModule();
    const before = await names();
    await expect(
      inTransaction(cms.strapi, async () => {
        await queueWrite(cms.strapi, ...insert('never'));
        throw new Error('the use case refuses');
      }),
    ).rejects.toThrow('the use case refuses');
    // Give a late automatic flush every chance to (wrongly) send it on its own.
    await new Promise((r) => setTimeout(r, 100));
    expect(await names()).toEqual(before);
  });

  it('a wallet booking writes its event, outbox message, version, wallet and ledger together with the booking', async () => {
    const member = await loginMember(cms);
    await fund(cms, member.id, 10_000);
    const { start, end } = range(40, 2);
    const { value: res, statements, packets } = await observed(() => book(cms, member, { seat: cms.seats[0].documentId, start: iso(start), end: iso(end), payWith: 'wallet' }));
    expect((res as any).status).toBe(201);
    const bookingId = (res as any).body.data.id;
    const booking = await cms.strapi.db.query('plugin::booking.booking').findOne({ where: { document_id: bookingId } });
    const events = await cms.strapi.db.query('plugin::booking.booking-event').findMany({ where: { booking_id: booking.id } });
    expect(events.map((e: any) => e.to_status)).toEqual(['confirmed']);
    const outbox = await cms.strapi.db.query('plugin::booking.reminder').findMany({ where: { booking_id: booking.id } });
    expect(outbox.map((m: any) => m.kind)).toEqual(['booking_confirmed']);
    const wallet = await cms.strapi.db.query('plugin::payments.wallet').findOne({ where: { user_id: member.id } });
    const ledger = await cms.strapi.db.query('plugin::payments.ledger-entry').findMany({ where: { user_id: member.id, type: 'booking_payment' } });
    expect(ledger).toHaveLength(1);
    expect(Number(wallet.balance_fen)).toBe(10_000 + Number(ledger[0].amount_fen));
    expect(Number(ledger[0].balance_after_fen)).toBe(Number(wallet.balance_fen));
    // Every statement is still counted (the bench and these tests count them), queued or not; on MariaDB
    // the member lock, the wallet update and its ledger row, the event, the version and the message
    // share packets: at least 4 round trips fewer than statements.
    expect(statements.filter((s) => s === 'insert').length).toBeGreaterThanOrEqual(5);
    if (usingMariaDb()) expect(packets).toBeLessThanOrEqual(statements.length - 4);
  });
});
