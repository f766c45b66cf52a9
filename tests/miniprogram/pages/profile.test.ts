/** Profile: a new avatar uploaded (POST /api/me/avatar), nickname through PUT /api/me/profile, and logout that forgets the tokens. */
import { load, render } from '../support/simulate';
import { createWx, installWx, ok, settle } from '../support/wx';
import { fakeCms } from '../support/fake-cms';
import { currentSession, saveSession } from '../../../miniprogram/services/session';

jest.setTimeout(30_000);

describe('profile', () => {
  it('uploads the chosen avatar, saves a new nickname, and logout clears the tokens', async () => {
    const cms = fakeCms({
      'POST /api/me/avatar': () => ok({ nickname: '小林', avatar: '/uploads/avatar_1_ab12.jpg' }),
      'PUT /api/me/profile': (r) => ok({ nickname: r.body.nickname }),
      'POST /api/auth/logout': () => ok({ ok: true }),
    });
    const fake = installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const page = render(load('subpackages/service/profile/index'));
    page.instance.onLoad();
    await settle();
    expect(page.data.nickname).toBe('小林');
    page.instance.onChooseAvatar({ detail: { avatarUrl: 'wxfile://tmp_avatar.jpg' } });
    page.instance.onNickname({ detail: { value: '林同学' } });
    page.querySelector('.btn').dispatchEvent('tap');
    await settle();
    expect(fake.requests.find((r) => r.path === '/api/me/avatar')!.body).toMatchObject({ file: 'wxfile://tmp_avatar.jpg', field: 'file' });
    expect(page.data.avatar).toMatch(/^https?:\/\/.+\/uploads\/avatar_1_ab12\.jpg$/);
    expect(fake.requests.find((r) => r.method === 'PUT')!.body).toEqual({ nickname: '林同学' });
    expect(fake.toasts.pop()).toBe('已保存');

    // Saved again without a new photo: nothing is uploaded twice.
    page.querySelector('.btn').dispatchEvent('tap');
    await settle();
    expect(fake.requests.filter((r) => r.path === '/api/me/avatar')).toHaveLength(1);

    page.querySelector('.btn.danger').dispatchEvent('tap');
    await settle();
    expect(fake.requests.find((r) => r.path === '/api/auth/logout')!.body).toEqual({ refreshToken: 'r-a' });
    expect(currentSession()).toBeNull();
    expect(fake.navigations.pop()).toEqual({ kind: 'reLaunch', url: '/pages/home/index' });
  });
});
