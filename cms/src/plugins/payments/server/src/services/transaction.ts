import { isRetryableConflict } from '../repositories/support';

export interface TxTools {
  /** Runs after the outermost transaction commits (never if it rolls back); failures are logged. */
  afterCommit(fn: () => unknown): void;
}

/**
 * Runs a unit of work in a database transaction. Inside a caller's transaction (the booking plugin
 * paying from the wallet) it simply joins it, so both commit or neither does; then the caller owns
 * retries. When it starts the transaction itself, an InnoDB deadlock or lock-wait timeout retries the
 * whole unit a few times.
 */
export async function inTransaction<T>(strapi: any, work: (tx: TxTools) => Promise<T>, attempts = 5): Promise<T> {
  const joined = strapi.db.inTransaction();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await strapi.db.transaction(async ({ onCommit }: { onCommit: (fn: () => void) => void }) =>
        work({
          afterCommit: (fn) =>
            onCommit(() => {
              // Strapi calls commit callbacks without awaiting them: keep a failure from becoming an
              // unhandled rejection (the jobs retry whatever a failed after-commit step left undone).
              void Promise.resolve()
                .then(fn)
                .catch((err) => strapi.log.warn(`[payments] after-commit step failed: ${(err as Error)?.message ?? err}`));
            }),
        }),
      );
    } catch (err) {
      if (!joined && attempt < attempts && isRetryableConflict(err)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 25 * attempt));
        continue;
      }
      throw err;
    }
  }
}
