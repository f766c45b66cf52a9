import { isRetryableConflict } from './db-errors';
import { dropQueued, flushQueued, openStatementQueue } from './sql';

export interface TxTools {
  /** Runs once the outermost transaction has committed (never if it rolls back); failures are logged. */
  afterCommit(fn: () => unknown): void;
}

/**
 * The one way a use case runs in a database transaction.
 * - Inside a caller's transaction (booking paying through the wallet) it joins it, so both commit or
 *   neither does; the caller owns retries, and after-commit steps wait for the caller's commit.
 * - When it starts the transaction itself, an InnoDB deadlock or lock-wait timeout (InnoDB may pick a
 *   victim among transactions queueing on one unique index) retries the whole unit a few times, and the
 *   after-commit steps (cache bumps, WeChat calls) run before it returns, so the caller reads its writes.
 * - Statements its work queued (platform/sql.ts `queueStatement`) leave before the commit; if one fails,
 *   the transaction rolls back.
 */
export async function inTransaction<T>(strapi: any, work: (tx: TxTools) => Promise<T>, attempts = 5): Promise<T> {
  const joined = strapi.db.inTransaction();
  const settle = (fn: () => unknown) =>
    Promise.resolve()
      .then(fn)
      .catch((err) => strapi.log.warn(`[after-commit] step failed: ${(err as Error)?.message ?? err}`));

  for (let attempt = 1; ; attempt += 1) {
    const ownSteps: (() => unknown)[] = [];
    try {
      const result = await strapi.db.transaction(async ({ onCommit }: { onCommit: (fn: () => void) => void }) => {
        if (joined) {
          return work({
            // Strapi runs commit callbacks without awaiting them: only the joined case relies on them.
            afterCommit: (fn) => onCommit(() => void settle(fn)),
          });
        }
        await openStatementQueue(strapi);
        try {
          const done = await work({ afterCommit: (fn) => ownSteps.push(fn) });
          await flushQueued(strapi);
          return done;
        } catch (err) {
          await dropQueued(strapi, err);
          throw err;
        }
      });
      for (const fn of ownSteps) await settle(fn);
      return result;
    } catch (err) {
      if (!joined && attempt < attempts && isRetryableConflict(err)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw err;
    }
  }
}
