import { useCms } from '../../support';

describe('health with Redis unreachable', () => {
  // Nothing listens on port 1: the configured Redis is down.
  const cms = useCms({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });

  it('reports redis "down" but stays 200 while the database is up', async () => {
    const res = await cms.api.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ db: 'up', redis: 'down' });
  });

  it('keeps serving rooms from the database', async () => {
    const res = await cms.api.get('/api/booking/rooms');
    expect(res.status).toBe(200);
  });
});
