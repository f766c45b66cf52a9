import type { Core } from '@strapi/strapi';
import { isRetryableConflict } from '../../../../../platform/db-errors';

export interface TxTools {
  onCommit(fn: () => unknown): void;
}

/**
 * Runs a use case in one database transaction; a deadlock or lock-wait timeout (InnoDB may pick a
 * victim among transactions queueing on the same claim index) retries the whole unit a few times.
 * Side effects (cache bumps, WeChat calls) go to onCommit and only happen once it has committed.
 */
export async function inTransaction<T>(strapi: Core.Strapi, work: (tx: TxTools) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const afterCommit: (() => unknown)[] = [];
    try {
      const result = await strapi.db.transaction(async () => work({ onCommit: (fn) => afterCommit.push(fn) }));
      for (const fn of afterCommit) {
        try {
          await fn();
        } catch (err) {
          strapi.log.warn(`[booking] after-commit step failed: ${(err as Error)?.message ?? err}`);
        }
      }
      return result;
    } catch (err) {
      if (attempt < attempts && isRetryableConflict(err)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw err;
    }
  }
}
