/**
 * With the configured Redis unreachable, the operations pieces must not take the member API down: rate
 * limits let requests through (and count it), live sockets still work within the process's own commits,
 * metrics and health answer.
 */
import { useCms, loginMember, openLive } from '../../support';

describe('operations with Redis unreachable', () => {
  // Nothing listens on port 1: the configured Redis is down.
  const cms = useCms({ env: { REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_READ: '2', METRICS_TOKEN: 'down-metrics' } });

  it('rate limits fail open (counted), metrics and health answer with the jobs block', async () => {
    const m = await loginMember(cms);
    for (let i = 0; i < 5; i += 1) expect((await cms.api.get('/api/payments/wallet').set(m.auth)).status).toBe(200);
    const metrics = await cms.api.get('/api/metrics').set('Authorization', 'Bearer down-metrics');
    expect(metrics.status).toBe(200);
    expect(Number(/^rate_limit_errors_total (\d+)/m.exec(metrics.text)?.[1])).toBeGreaterThanOrEqual(5);
    const health = await cms.api.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ db: 'up', redis: 'down', jobs: { lagSeconds: null } });
  });

  it('a live socket still authenticates and subscribes, with the version from the database', async () => {
    const m = await loginMember(cms);
    const rooms = await cms.strapi.documents('api::room.room').create({ data: { name: 'R', kind: 'hall', state: 'open' } });
    const c = await openLive(cms.url);
    c.send({ type: 'auth', token: m.jwt });
    await c.next((x) => x.type === 'ready');
    c.send({ type: 'subscribe', room: rooms.documentId, date: '2031-01-01' });
    // The availability version lives in the database, so it is known without Redis (0: no change yet).
    expect(await c.next((x) => x.type === 'subscribed')).toMatchObject({ version: 0 });
    c.close();
  });
});
