import schedule from 'node-schedule';
import type { KeyValueStore } from './kv-store';
import { withClusterLock } from './cluster-lock';
import { recordJobRun, type JobRunRecord } from './job-runs';

export interface JobDefinition {
  /** Stable name: also the cluster lock key. */
  name: string;
  /** node-schedule rule (cron string). */
  rule: string;
  /** Upper bound of one run; the lease lasts this long. */
  leaseMs?: number;
  run: () => Promise<unknown>;
}

interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/**
 * Runs each job on its schedule on one process of the cluster (Redis lease). Every job "catches up"
 * by design: it processes whatever is overdue, so the first tick after downtime does the backlog.
 */
export class JobScheduler {
  private readonly jobs = new Map<string, { def: JobDefinition; handle: schedule.Job | null }>();
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly store: KeyValueStore, private readonly log: Logger, private readonly enabled: boolean) {}

  define(def: JobDefinition) {
    this.jobs.set(def.name, { def, handle: null });
  }

  start() {
    if (!this.enabled) {
      this.log.info(`[jobs] scheduler disabled (JOBS_ENABLED=false): ${this.jobs.size} job(s) not scheduled`);
      return;
    }
    for (const entry of this.jobs.values()) {
      entry.handle = schedule.scheduleJob(entry.def.name, entry.def.rule, (fireDate: Date) => {
        void this.runScheduled(entry.def.name, fireDate);
      });
    }
    this.log.info(`[jobs] scheduled: ${[...this.jobs.keys()].join(', ')}`);
  }

  /** Run one job now under the cluster lease; `ran: false` when another process holds it. */
  async runNow(name: string, dueAt?: Date): Promise<{ ran: boolean; result?: unknown; reason?: string }> {
    const entry = this.jobs.get(name);
    if (!entry) throw new Error(`unknown job ${name}`);
    if (this.stopped) return { ran: false, reason: 'stopped' };
    const startedAt = new Date();
    const p = withClusterLock(this.store, `job:${name}`, entry.def.leaseMs ?? 60_000, entry.def.run)
      .catch((err) => {
        this.log.error(`[jobs] ${name} failed: ${err?.stack ?? err}`);
        return { ran: true as const, result: undefined, error: err };
      })
      .then(async (outcome: any) => {
        // Metrics and /api/health: runs, duration and the lag between the tick and the start.
        const run: JobRunRecord = {
          outcome: !outcome.ran ? 'skipped' : outcome.error ? 'failed' : 'ok',
          startedAt: startedAt.toISOString(),
          durationMs: Date.now() - startedAt.getTime(),
          lagMs: dueAt ? Math.max(0, startedAt.getTime() - dueAt.getTime()) : 0,
        };
        await recordJobRun(this.store, name, run);
        return outcome;
      });
    this.running.add(p);
    try {
      return await p;
    } finally {
      this.running.delete(p);
    }
  }

  /**
   * A scheduled tick runs on one process only: every process fires the same tick (same rule, same
   * scheduled instant), and the first to claim `tick:<job>:<instant>` runs it. The lease alone would let a
   * second process run the tick again right after a fast first run released it.
   */
  private async runScheduled(name: string, fireDate: Date) {
    const entry = this.jobs.get(name);
    if (!entry || this.stopped) return;
    const instant = fireDate instanceof Date ? fireDate.getTime() : Date.now();
    let claimed = true;
    try {
      claimed = await this.store.setIfAbsent(`tick:${name}:${instant}`, '1', Math.max(entry.def.leaseMs ?? 60_000, 60_000));
    } catch {
      claimed = true; // store down: fall back to the lease inside runNow
    }
    if (claimed) await this.runNow(name, fireDate instanceof Date ? fireDate : undefined);
  }

  /** False when this process does not run jobs (JOBS_ENABLED=false): work is left to the cluster's ticks. */
  isEnabled() {
    return this.enabled;
  }

  names() {
    return [...this.jobs.keys()];
  }

  async stop() {
    this.stopped = true;
    for (const entry of this.jobs.values()) entry.handle?.cancel();
    await Promise.allSettled([...this.running]);
  }
}
