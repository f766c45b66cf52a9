import { useCms, usingMariaDb, spawnSibling, type CmsProcess, loginMember, eventually, expectLedgerConsistent, ledger, sleep, startRecharge, wallet } from '../../support';

// Production shape: two CMS processes with their schedulers on, one MariaDB, one Redis.
(usingMariaDb() ? describe : describe.skip)('payment jobs on a cluster of two CMS processes', () => {
  const cms = useCms();
  const siblings: CmsProcess[] = [];
  beforeAll(async () => {
    const jobEnv = {
      JOBS_ENABLED: 'true',
      // Every two seconds, with no grace period, so the test sees several ticks.
      PAYMENTS_CRON_RECONCILE_ORDERS: '*/2 * * * * *',
      PAYMENTS_RECONCILE_MIN_AGE_SECONDS: '0',
      PAYMENTS_RECONCILE_RECHECK_SECONDS: '0',
    };
    siblings.push(await spawnSibling(cms, jobEnv), await spawnSibling(cms, jobEnv));
  });
  afterAll(async () => {
    for (const s of siblings) await s.stop();
  });

  it('the reconcile job runs once per tick across both processes and credits lost payments exactly once', async () => {
    const m = await loginMember(cms);
    // Paid at WeChat, notifications lost.
    const paid: string[] = [];
    for (const amount of [1100, 2200, 3300]) {
      const { outTradeNo } = await startRecharge(cms, m, { amount_fen: amount });
      await cms.emulator.pay(outTradeNo, { deliver: false });
      paid.push(outTradeNo);
    }
    // Not paid yet: asked about on every tick.
    const { outTradeNo: waiting } = await startRecharge(cms, m, { amount_fen: 500 });

    await eventually(async () => (await wallet(cms, m)).balance_fen === 6600, 20_000);
    await sleep(7000);

    expect((await ledger(cms, m)).map((r) => r.amount_fen).sort()).toEqual([1100, 2200, 3300]);
    const queries = cms.emulator.requests.filter((r: any) => r.method === 'GET' && r.path === `/v3/pay/transactions/out-trade-no/${waiting}`);
    expect(queries.length).toBeGreaterThanOrEqual(3);
    // One query per two-second tick: never both processes on the same tick.
    const ticks = queries.map((q: any) => Math.floor(Date.parse(q.at) / 2000));
    expect(new Set(ticks).size).toBe(ticks.length);
    await expectLedgerConsistent(cms);
  });
});
