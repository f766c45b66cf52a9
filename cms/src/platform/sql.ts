import type { Knex } from 'knex';

/**
 * Knex for lean repository SQL that joins the surrounding strapi.db.transaction when there is one
 * (Strapi's own queries join it through AsyncLocalStorage; raw knex does not, and on SQLite's single
 * connection a query outside the transaction would wait for it forever).
 */
export async function sql(strapi: any): Promise<Knex> {
  if (strapi.db.inTransaction()) return (await strapi.db.transaction()).get();
  return strapi.db.connection;
}

/**
 * Runs `fn` once the surrounding transaction has committed (immediately when there is none). For side
 * effects of a change made inside someone else's transaction: cache bumps, calls to WeChat.
 */
export async function afterCommit(strapi: any, fn: () => Promise<unknown> | unknown): Promise<void> {
  const run = () => Promise.resolve().then(fn).catch((err) => strapi.log.error(`[after-commit] ${err?.message ?? err}`));
  if (!strapi.db.inTransaction()) {
    await run();
    return;
  }
  // A nested transaction() shares the outer one's commit callbacks.
  await strapi.db.transaction(async ({ onCommit }: any) => onCommit(() => void run()));
}
