import { useCms, usingMariaDb, spawnSibling, type CmsProcess, loginMember } from '../../support';

// Production shape: several stateless CMS processes on one MySQL and one Redis.
(usingMariaDb() ? describe : describe.skip)('two CMS processes sharing MariaDB and Redis', () => {
  const cms = useCms();
  let sibling: CmsProcess;
  beforeAll(async () => {
    sibling = await spawnSibling(cms);
  });
  afterAll(async () => {
    await sibling?.stop();
  });

  it('a member logged in on one process is recognised by the other', async () => {
    const m = await loginMember(cms);
    const res = await fetch(`${sibling.url}/api/users/me`, { headers: m.auth });
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe(m.id);
    const health = await (await fetch(`${sibling.url}/api/health`)).json();
    expect(health).toMatchObject({ db: 'up', redis: 'up' });
  });
});
