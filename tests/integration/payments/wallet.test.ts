import path from 'path';
import { spawnSync } from 'child_process';
import { useCms, ROOT, usingMariaDb, spawnSibling, type CmsProcess, loginMember, createTier, expectLedgerConsistent, fund, ledger, svc, wallet } from '../../support';

const member = { type: 'member' as const };

describe('wallet ledger: the service the booking plugin pays through', () => {
  const cms = useCms({ checkLedgerAtEnd: true });
  it('a debit takes principal first, then bonus, and writes one row with the balance after it', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 1000);
    await fund(cms, m.id, 500, 'bonus');
    const paid = await svc(cms, 'wallet').debit({ userId: m.id, amountFen: 1200, type: 'booking_payment', ref: { kind: 'booking', id: 'bk1' }, actor: { ...member, id: m.id } });
    expect(paid).toMatchObject({ balanceAfterFen: 300, principalFen: 1000, bonusFen: 200 });
    expect(await wallet(cms, m)).toMatchObject({ balance_fen: 300, bonus_fen: 300, withdrawable_fen: 0 });
    const [row] = await ledger(cms, m, '?type=booking_payment');
    expect(row).toMatchObject({ amount_fen: -1200, bonus_amount_fen: -200, balance_after_fen: 300, ref: { kind: 'booking', id: 'bk1' } });
  });

  it('a debit above the balance is INSUFFICIENT_BALANCE and writes nothing', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 100);
    await expect(
      svc(cms, 'wallet').debit({ userId: m.id, amountFen: 101, type: 'booking_payment', ref: { kind: 'booking', id: 'x' }, actor: member }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_BALANCE', details: { balance_fen: 100, required_fen: 101 } });
    expect((await ledger(cms, m)).length).toBe(1);
  });

  it('a debit inside a transaction that later fails leaves no trace (same transaction as the business change)', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 1000);
    await expect(
      cms.strapi.db.transaction(async () => {
        await svc(cms, 'wallet').debit({ userId: m.id, amountFen: 400, type: 'booking_payment', ref: { kind: 'booking', id: 'crash' }, actor: member });
        throw new Error('the booking insert failed after the payment');
      }),
    ).rejects.toThrow('the booking insert failed');
    expect((await wallet(cms, m)).balance_fen).toBe(1000);
    expect(await ledger(cms, m, '?type=booking_payment')).toEqual([]);
  });

  it('refundPayment returns principal first up to what was paid, never more than paid minus refunded', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 600);
    await fund(cms, m.id, 400, 'bonus');
    const ref = { kind: 'booking', id: 'bk-refund' };
    await svc(cms, 'wallet').debit({ userId: m.id, amountFen: 1000, type: 'booking_payment', ref, actor: member });
    const first = await svc(cms, 'wallet').refundPayment({ userId: m.id, ref, refundFen: 700, actor: member });
    expect(first).toMatchObject({ principalFen: 600, bonusFen: 100, balanceAfterFen: 700 });
    await expect(svc(cms, 'wallet').refundPayment({ userId: m.id, ref, refundFen: 301, actor: member })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { refundable_fen: 300 },
    });
    const rest = await svc(cms, 'wallet').refundPayment({ userId: m.id, ref, refundFen: 300, actor: member });
    expect(rest).toMatchObject({ principalFen: 0, bonusFen: 300 });
    expect(await wallet(cms, m)).toMatchObject({ balance_fen: 1000, bonus_fen: 400 });
    await expect(svc(cms, 'wallet').refundPayment({ userId: m.id, ref: { kind: 'booking', id: 'never-paid' }, refundFen: 1, actor: member })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  it('200 concurrent debits on one wallet never overspend, and the balance equals the ledger sum', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 30_000); // room for exactly 100 debits of 300
    const attempts = Array.from({ length: 200 }, (_, i) =>
      svc(cms, 'wallet')
        .debit({ userId: m.id, amountFen: 300, type: 'booking_payment', ref: { kind: 'booking', id: `race-${i}` }, actor: member })
        .then(() => 'paid', (e: any) => e.code),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'paid')).toHaveLength(100);
    expect(outcomes.filter((o) => o === 'INSUFFICIENT_BALANCE')).toHaveLength(100);
    expect((await wallet(cms, m)).balance_fen).toBe(0);
    const rows = await ledger(cms, m, '?pageSize=100&type=booking_payment');
    expect(rows).toHaveLength(100);
    // Every row's balance_after is distinct: each debit saw the one before it.
    expect(new Set(rows.map((r) => r.balance_after_fen)).size).toBe(100);
    await expectLedgerConsistent(cms);
  });

  it('`npm run check:ledger` (the command) checks this database and passes', async () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-ledger.js')], { env: { ...process.env, ...cms.env }, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/OK: every balance equals the sum of its ledger/);
    expect(run.status).toBe(0);
  });

  it('GET /wallet shows balance, tier and benefits; /transactions is only mine', async () => {
    const a = await loginMember(cms);
    const b = await loginMember(cms);
    await fund(cms, a.id, 500);
    expect(await wallet(cms, b)).toMatchObject({ balance_fen: 0, tier: null, tierExpiresAt: null, benefits: { discount_percent: 0 } });
    expect(await ledger(cms, b)).toEqual([]);
    const anonymous = await cms.api.get('/api/payments/wallet');
    expect(anonymous.status).toBe(401);
  });
});

// Production shape: two CMS processes on one MariaDB; members buy from both at once.
(usingMariaDb() ? describe : describe.skip)('wallet purchases racing across two CMS processes', () => {
  const cms = useCms();
  let sibling: CmsProcess;
  beforeAll(async () => {
    sibling = await spawnSibling(cms);
  });
  afterAll(async () => {
    await sibling?.stop();
  });

  it('40 membership purchases over HTTP, half on each process, spend exactly what the wallet holds', async () => {
    await createTier(cms, { code: 'silver', name: 'Silver', level: 1, price_month_fen: 1000 });
    const m = await loginMember(cms);
    await fund(cms, m.id, 7000);
    const buy = (base: string) =>
      fetch(`${base}/api/payments/memberships/purchase`, {
        method: 'POST',
        headers: { ...m.auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ tier: 'silver', plan: 'month', payWith: 'wallet' }),
      }).then((r) => r.status);
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => buy(i % 2 ? sibling.url : cms.url)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(7);
    expect(statuses.filter((s) => s === 402)).toHaveLength(33);
    const w = await wallet(cms, m);
    expect(w.balance_fen).toBe(0);
    // Seven months stacked one after the other, none lost to a stale read.
    const months = (new Date(w.tierExpiresAt).getTime() - Date.now()) / (24 * 3600 * 1000);
    expect(months).toBeGreaterThan(7 * 28 - 1);
    expect(months).toBeLessThan(7 * 31 + 1);
    await expectLedgerConsistent(cms);
  });
});
