/** Shared steps of the money tests: what a member or staff does, and what they would see. */
import type { TestCms } from './cms';
import { loginMember, type Member } from './members';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { checkLedger } = require('../../scripts/check-ledger');

export const svc = (cms: TestCms, name: string) => cms.strapi.plugin('payments').service(name);

export async function createPackage(cms: TestCms, amount_fen: number, bonus_fen = 0, extra: Record<string, unknown> = {}) {
  return cms.strapi.documents('api::recharge-package.recharge-package').create({
    data: { name: `充${amount_fen / 100}送${bonus_fen / 100}`, amount_fen, bonus_fen, active: true, ...extra },
  });
}

export async function createTemplate(cms: TestCms, data: Record<string, unknown>) {
  return cms.strapi.documents('api::coupon-template.coupon-template').create({
    data: { name: `Coupon ${Math.random().toString(36).slice(2, 7)}`, kind: 'amount_off', amount_off_fen: 500, min_spend_fen: 0, applies_to: 'any', per_member_limit: 1, valid_days_after_issue: 30, active: true, ...data },
  });
}

export async function createTier(cms: TestCms, data: Record<string, unknown>) {
  return cms.strapi.documents('api::membership-tier.membership-tier').create({
    data: { name: 'Gold', code: 'gold', level: 2, discount_percent: 10, booking_horizon_days: 14, free_cancel_hours: 1, daily_quota_hours: 10, ...data },
  });
}

export async function wallet(cms: TestCms, m: Member) {
  const res = await cms.api.get('/api/payments/wallet').set(m.auth);
  expect(res.status).toBe(200);
  return res.body.data;
}

export async function ledger(cms: TestCms, m: Member, query = '') {
  const res = await cms.api.get(`/api/payments/transactions${query}`).set(m.auth);
  expect(res.status).toBe(200);
  return res.body.data as any[];
}

/** Member starts a recharge; returns the order number and the wx.requestPayment parameters. */
export async function startRecharge(cms: TestCms, m: Member, body: Record<string, unknown>) {
  const res = await cms.api.post('/api/payments/recharges').set(m.auth).send(body);
  if (res.status !== 201) throw new Error(`recharge failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { outTradeNo: string; payment: Record<string, string>; pay_fen: number; bonus_fen: number };
}

/** Recharge, pay in the emulator, and let the notification arrive. */
export async function rechargeAndPay(cms: TestCms, m: Member, amount_fen: number) {
  const { outTradeNo } = await startRecharge(cms, m, { amount_fen });
  const delivery = await cms.emulator.pay(outTradeNo);
  expect(delivery.status).toBe(204);
  return outTradeNo;
}

/** Gives a member money without WeChat (a staff correction, one ledger row), for tests about spending. */
export async function fund(cms: TestCms, userId: number, amountFen: number, part: 'principal' | 'bonus' = 'principal') {
  return svc(cms, 'wallet').adjust({ userId, amountFen, part, reason: 'test funding', actor: { type: 'staff', id: 1 } });
}

/** `n` members logged in and each funded with `fen` (the racers of a race test). */
export async function fundedMembers(cms: TestCms, n: number, fen: number): Promise<Member[]> {
  const members: Member[] = [];
  for (let i = 0; i < n; i += 1) {
    const m = await loginMember(cms);
    await fund(cms, m.id, fen);
    members.push(m);
  }
  return members;
}

/** The invariant of `npm run check:ledger`, on this test's database. */
export async function expectLedgerConsistent(cms: TestCms) {
  const report = await checkLedger(cms.strapi.db.connection);
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);
  return report;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `probe` returns a truthy value (a notification is delivered asynchronously). */
export async function eventually<T>(probe: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(50);
  }
}
