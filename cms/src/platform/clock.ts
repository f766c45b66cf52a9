/**
 * The one clock. Business code asks `clock.now()`; operators (and tests) can shift it, which is how
 * hold expiry, no-shows and cron catch-up are exercised without waiting.
 */
let offsetMs = 0;

export const clock = {
  now(): Date {
    return new Date(Date.now() + offsetMs);
  },
  nowMs(): number {
    return Date.now() + offsetMs;
  },
  /** Move the clock forward (or back) by `ms`; cumulative. */
  advance(ms: number): void {
    offsetMs += ms;
  },
  /** Pin "now" to a given instant (the offset keeps it ticking from there). */
  set(at: Date | string): void {
    offsetMs = new Date(at).getTime() - Date.now();
  },
  reset(): void {
    offsetMs = 0;
  },
};
