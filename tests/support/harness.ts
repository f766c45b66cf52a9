/**
 * The one way a test file gets a CMS: `const cms = useCms({ ... })` at the top of a describe block boots
 * the real compiled CMS on a fresh database (and WeChat emulator) before the block's own hooks, seeds
 * what the options ask for, puts the product clock back (after the block, or after each test when asked)
 * and shuts everything down after the block. The handle reads like a TestCms once the block's hooks run.
 */
import { startCms, type TestCms } from './cms';
import { createRoom } from './fixtures';
import { loginMember, type Member } from './members';
import { loginStaff } from './staff';
import { productClock, setParameters } from './booking';
import { expectLedgerConsistent } from './money';

export interface CmsOptions {
  /** Extra environment of the CMS (rate limits, jobs, Redis address…). */
  env?: Record<string, string>;
  /** A WeChat emulator shared with something else (the test closes it itself). */
  emulator?: any;
  /** Business parameters to save before the tests (e.g. { open_booking_limit: 20 }). */
  parameters?: Record<string, unknown>;
  /** A room to create before the tests; its seats are `cms.seats`. */
  room?: Parameters<typeof createRoom>[1];
  /** Time allowed for boot and seeding (a cold MariaDB schema takes a while on a busy machine). */
  bootTimeoutMs?: number;
  /** After the block: every wallet equals its ledger (`npm run check:ledger`), checked before shutdown. */
  checkLedgerAtEnd?: boolean;
  /** Put the product clock back after every test (for blocks whose tests each move time on their own). */
  resetClockAfterEach?: boolean;
}

export type CmsHandle = TestCms & {
  /** The room of `options.room` (undefined without it). */
  readonly room: any;
  readonly seats: any[];
  /** A member logged in through WeChat login, as the mini program does. */
  member(openid?: string): Promise<Member>;
  /** A staff user of a role, logged in to the admin panel. */
  staff(role: Parameters<typeof loginStaff>[1]): ReturnType<typeof loginStaff>;
};

export function useCms(options: CmsOptions = {}): CmsHandle {
  let current: TestCms | undefined;
  let seeded: { room: any; seats: any[] } = { room: undefined, seats: [] };
  const live = (): TestCms => {
    if (!current) throw new Error('useCms: the CMS is not running (use it inside tests or hooks, not at describe time)');
    return current;
  };

  beforeAll(async () => {
    current = await startCms({ env: options.env, emulator: options.emulator });
    if (options.room) seeded = await createRoom(current, options.room);
    if (options.parameters) await setParameters(current, options.parameters);
  }, options.bootTimeoutMs ?? 300_000);
  if (options.resetClockAfterEach) afterEach(() => productClock().reset());
  // Jest runs afterAll hooks in declaration order, so this one (declared first) must do the block's
  // last checks itself before it shuts the CMS down.
  afterAll(async () => {
    try {
      if (options.checkLedgerAtEnd && current) await expectLedgerConsistent(current);
    } finally {
      productClock().reset();
      await current?.close();
      current = undefined;
    }
  });

  const extras: Record<string, unknown> = {
    member: (openid?: string) => loginMember(live(), openid),
    staff: (role: Parameters<typeof loginStaff>[1]) => loginStaff(live(), role),
  };
  return new Proxy({} as CmsHandle, {
    get(_target, key) {
      if (key === 'room') return seeded.room;
      if (key === 'seats') return seeded.seats;
      if (typeof key === 'string' && key in extras) return extras[key];
      // `then` must stay undefined, or `await cms` would treat the handle as a promise.
      if (key === 'then') return undefined;
      return (live() as any)[key];
    },
  });
}
