import { useCms, loginMember } from '../../support';

describe('announcements visible to a member now', () => {
  const cms = useCms();

  async function announce(data: Record<string, unknown>, publish = true) {
    return cms.strapi.documents('api::announcement.announcement').create({ data: { audience: 'all', ...data }, ...(publish ? { status: 'published' } : {}) });
  }

  it('applies schedule, audience (tag) and draft state; pinned first', async () => {
    const tag = await cms.strapi.documents('api::tag.tag').create({ data: { name: 'Night owls' } });
    const owl = await loginMember(cms);
    const other = await loginMember(cms);
    await cms.strapi.documents('api::member-tag.member-tag').create({ data: { user: owl.id, tag: tag.documentId } });

    await announce({ title: 'Everyone' });
    await announce({ title: 'Pinned', pinned: true });
    await announce({ title: 'Owls only', audience: 'tag', audience_tag: tag.documentId });
    await announce({ title: 'Future', publish_at: new Date(Date.now() + 86400e3) });
    await announce({ title: 'Expired', expire_at: new Date(Date.now() - 1000) });
    await announce({ title: 'Draft' }, false);

    const forOwl = await cms.api.get('/api/announcements').set(owl.auth);
    expect(forOwl.status).toBe(200);
    expect(forOwl.body.data.map((a: any) => a.title)).toEqual(['Pinned', expect.any(String), expect.any(String)]);
    expect(forOwl.body.data.map((a: any) => a.title).sort()).toEqual(['Everyone', 'Owls only', 'Pinned']);
    const forOther = await cms.api.get('/api/announcements').set(other.auth);
    expect(forOther.body.data.map((a: any) => a.title).sort()).toEqual(['Everyone', 'Pinned']);
    expect(forOther.body.meta.pagination).toMatchObject({ page: 1, total: 2 });

    const owlsOnly = forOwl.body.data.find((a: any) => a.title === 'Owls only');
    expect((await cms.api.get(`/api/announcements/${owlsOnly.id}`).set(owl.auth)).status).toBe(200);
    const hidden = await cms.api.get(`/api/announcements/${owlsOnly.id}`).set(other.auth);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.details.code).toBe('NOT_FOUND');
  });
});
