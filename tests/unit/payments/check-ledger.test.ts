import knexFactory from 'knex';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { checkLedger, connectionFromEnv } = require('../../../scripts/check-ledger');

/** The invariant check of `npm run check:ledger`, on a scratch SQLite database shaped like the plugin's tables. */
describe('check:ledger', () => {
  let knex: ReturnType<typeof knexFactory>;
  beforeEach(async () => {
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await knex.schema.createTable('payments_wallets', (t) => {
      t.increments('id');
      t.integer('user_id');
      t.integer('balance_fen');
      t.integer('bonus_fen');
    });
    await knex.schema.createTable('payments_ledger_entries', (t) => {
      t.increments('id');
      t.integer('user_id');
      t.string('type');
      t.integer('amount_fen');
      t.integer('bonus_amount_fen');
      t.integer('balance_after_fen');
      t.integer('bonus_after_fen');
    });
  });
  afterEach(() => knex.destroy());

  const row = (user_id: number, type: string, amount_fen: number, bonus_amount_fen: number, balance_after_fen: number, bonus_after_fen: number) =>
    ({ user_id, type, amount_fen, bonus_amount_fen, balance_after_fen, bonus_after_fen });

  it('passes when every wallet equals its ledger and every row replays', async () => {
    await knex('payments_ledger_entries').insert([row(1, 'recharge', 1000, 0, 1000, 0), row(1, 'recharge_bonus', 100, 100, 1100, 100), row(1, 'booking_payment', -1050, -50, 50, 50)]);
    await knex('payments_wallets').insert({ user_id: 1, balance_fen: 50, bonus_fen: 50 });
    expect(await checkLedger(knex)).toMatchObject({ ok: true, wallets: 1, rows: 3, totalFen: 50, problems: [] });
  });

  it('reports a wallet that differs from its ledger', async () => {
    await knex('payments_ledger_entries').insert([row(7, 'recharge', 1000, 0, 1000, 0)]);
    await knex('payments_wallets').insert({ user_id: 7, balance_fen: 1200, bonus_fen: 0 });
    const report = await checkLedger(knex);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(/member 7: wallet balance 1200\/bonus 0 but ledger sums to 1000\/0/);
  });

  it('reports a row whose balance_after does not replay, a negative balance, and rows without a wallet', async () => {
    await knex('payments_ledger_entries').insert([row(2, 'recharge', 100, 0, 100, 0), row(2, 'booking_payment', -300, 0, -100, 0), row(3, 'recharge', 5, 0, 99, 0)]);
    await knex('payments_wallets').insert({ user_id: 2, balance_fen: -200, bonus_fen: 0 });
    const report = await checkLedger(knex);
    expect(report.problems.join('\n')).toMatch(/row 2 .* says balance -100/);
    expect(report.problems.join('\n')).toMatch(/would be balance -200/);
    expect(report.problems.join('\n')).toMatch(/member 3: ledger rows but no wallet/);
  });

  it('connects like the CMS: MySQL by DATABASE_*, SQLite file by default', () => {
    expect(connectionFromEnv({ DATABASE_CLIENT: 'mysql', DATABASE_NAME: 'sr' })).toMatchObject({ client: 'mysql2', connection: { database: 'sr', host: '127.0.0.1' } });
    expect(connectionFromEnv({}).connection.filename).toMatch(/cms[/\\].tmp[/\\]data\.db$/);
  });
});
