import type { KeyValueStore } from './kv-store';
import { jobDuration, jobLag, jobRuns } from './metrics';

/**
 * What is known about each job's last run, for the metrics (this process) and /api/health (the cluster:
 * the last run of every job is kept in the shared store, whichever process ran it).
 */
export interface JobRunRecord {
  outcome: 'ok' | 'failed' | 'skipped';
  startedAt: string;
  durationMs: number;
  /** From the tick being due to the run starting (0 for a run asked for by hand). */
  lagMs: number;
}

const key = (name: string) => `jobs:last:${name}`;

export async function recordJobRun(store: KeyValueStore, name: string, run: JobRunRecord) {
  jobRuns.inc({ job: name, outcome: run.outcome });
  if (run.outcome === 'skipped') return;
  jobDuration.observe({ job: name }, run.durationMs / 1000);
  jobLag.set({ job: name }, run.lagMs / 1000);
  // A week is far longer than any schedule: a job silent that long shows as never run.
  await store.set(key(name), JSON.stringify(run), 7 * 24 * 3600).catch(() => undefined);
}

export interface JobHealth {
  lastRunAt: string | null;
  secondsSinceLastRun: number | null;
  lastOutcome: JobRunRecord['outcome'] | null;
  lastDurationMs: number | null;
  lagSeconds: number | null;
}

/** The last run of each job in the cluster; `lagSeconds` of the whole is the worst tick-to-start delay. */
export async function jobsHealth(store: KeyValueStore, names: string[], now = Date.now()) {
  const byJob: Record<string, JobHealth> = {};
  await Promise.all(
    names.map(async (name) => {
      let run: JobRunRecord | null = null;
      try {
        const raw = await store.get(key(name));
        run = raw ? (JSON.parse(raw) as JobRunRecord) : null;
      } catch {
        run = null;
      }
      byJob[name] = {
        lastRunAt: run?.startedAt ?? null,
        secondsSinceLastRun: run ? Math.round((now - Date.parse(run.startedAt)) / 1000) : null,
        lastOutcome: run?.outcome ?? null,
        lastDurationMs: run?.durationMs ?? null,
        lagSeconds: run ? Math.round(run.lagMs / 100) / 10 : null,
      };
    }),
  );
  const lags = Object.values(byJob).map((j) => j.lagSeconds).filter((v): v is number => v !== null);
  return { lagSeconds: lags.length ? Math.max(...lags) : null, byJob };
}
