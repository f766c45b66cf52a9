#!/usr/bin/env node
'use strict';
/**
 * npm run check:ledger – the money invariant, checked straight in the database:
 *   for every wallet, balance_fen = Σ ledger.amount_fen and bonus_fen = Σ ledger.bonus_amount_fen;
 *   replayed in insertion order, every row's balance_after_fen / bonus_after_fen is the running sum, and
 *   the balance never went negative and the bonus never exceeded it;
 *   no ledger row belongs to a member without a wallet.
 * Connects with the same DATABASE_* variables as the CMS (SQLite default: cms/.tmp/data.db). Prints a
 * summary; exits 1 on any mismatch, 2 when it cannot check.
 *
 * Also a module: `checkLedger(knex)` returns the report (the money tests call it at the end).
 */
const path = require('path');

const WALLETS = 'payments_wallets';
const LEDGER = 'payments_ledger_entries';

async function checkLedger(knex) {
  const problems = [];
  const wallets = await knex(WALLETS).select('user_id', 'balance_fen', 'bonus_fen');
  const byUser = new Map(wallets.map((w) => [Number(w.user_id), { balance: Number(w.balance_fen), bonus: Number(w.bonus_fen) }]));
  const running = new Map();
  let rows = 0;
  let lastId = 0;
  // Paged replay in id order: per member, ids increase with commit order because every change of a
  // member's wallet holds that wallet's row lock until it commits.
  for (;;) {
    const batch = await knex(LEDGER)
      .select('id', 'user_id', 'amount_fen', 'bonus_amount_fen', 'balance_after_fen', 'bonus_after_fen', 'type')
      .where('id', '>', lastId)
      .orderBy('id', 'asc')
      .limit(5000);
    if (batch.length === 0) break;
    for (const row of batch) {
      rows += 1;
      lastId = Number(row.id);
      const user = Number(row.user_id);
      const sum = running.get(user) || { balance: 0, bonus: 0, rows: 0 };
      sum.balance += Number(row.amount_fen);
      sum.bonus += Number(row.bonus_amount_fen);
      sum.rows += 1;
      running.set(user, sum);
      if (Number(row.balance_after_fen) !== sum.balance || Number(row.bonus_after_fen) !== sum.bonus) {
        problems.push(`member ${user}: ledger row ${row.id} (${row.type}) says balance ${row.balance_after_fen}/bonus ${row.bonus_after_fen}, replay gives ${sum.balance}/${sum.bonus}`);
      }
      if (sum.balance < 0 || sum.bonus < 0 || sum.bonus > sum.balance) {
        problems.push(`member ${user}: after ledger row ${row.id} the wallet would be balance ${sum.balance}, bonus ${sum.bonus}`);
      }
    }
  }
  for (const [user, w] of byUser) {
    const sum = running.get(user) || { balance: 0, bonus: 0, rows: 0 };
    if (sum.balance !== w.balance || sum.bonus !== w.bonus) {
      problems.push(`member ${user}: wallet balance ${w.balance}/bonus ${w.bonus} but ledger sums to ${sum.balance}/${sum.bonus} over ${sum.rows} rows`);
    }
    if (w.balance < 0 || w.bonus < 0 || w.bonus > w.balance) problems.push(`member ${user}: impossible wallet balance ${w.balance}, bonus ${w.bonus}`);
  }
  for (const user of running.keys()) {
    if (!byUser.has(user)) problems.push(`member ${user}: ledger rows but no wallet`);
  }
  const totalFen = wallets.reduce((s, w) => s + Number(w.balance_fen), 0);
  return { ok: problems.length === 0, wallets: wallets.length, rows, totalFen, problems };
}

function connectionFromEnv(env = process.env) {
  const client = env.DATABASE_CLIENT || 'sqlite';
  if (['mysql', 'mysql2', 'mariadb'].includes(client)) {
    return {
      client: 'mysql2',
      connection: env.DATABASE_URL
        ? env.DATABASE_URL
        : {
            host: env.DATABASE_HOST || '127.0.0.1',
            port: Number(env.DATABASE_PORT || 3306),
            database: env.DATABASE_NAME || 'studyroom',
            user: env.DATABASE_USERNAME || 'root',
            password: env.DATABASE_PASSWORD || '',
            timezone: 'Z',
          },
    };
  }
  const cmsDir = path.join(__dirname, '..', 'cms');
  return {
    client: 'better-sqlite3',
    connection: { filename: path.resolve(cmsDir, env.DATABASE_FILENAME || '.tmp/data.db'), readonly: true },
    useNullAsDefault: true,
  };
}

async function main() {
  const knex = require('knex')(connectionFromEnv());
  try {
    if (!(await knex.schema.hasTable(WALLETS))) {
      console.log('check:ledger – no wallet table yet (start the CMS once); nothing to check.');
      return 0;
    }
    const report = await checkLedger(knex);
    const yuan = (fen) => `¥${(fen / 100).toFixed(2)}`;
    console.log(`check:ledger – ${report.wallets} wallet(s), ${report.rows} ledger row(s), ${yuan(report.totalFen)} held in wallets.`);
    if (report.ok) {
      console.log('OK: every balance equals the sum of its ledger, and every row replays.');
      return 0;
    }
    console.error(`MISMATCH: ${report.problems.length} problem(s):`);
    for (const p of report.problems.slice(0, 100)) console.error(`  - ${p}`);
    return 1;
  } catch (err) {
    console.error(`check:ledger could not run: ${err && err.message ? err.message : err}`);
    return 2;
  } finally {
    await knex.destroy();
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code));
}

module.exports = { checkLedger, connectionFromEnv };
