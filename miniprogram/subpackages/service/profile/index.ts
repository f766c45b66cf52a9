/** Nickname and avatar (WeChat's chooseAvatar and nickname input), membership and tags, and logout. */
import { auth, me } from '../../../services/api';
import type { Profile } from '../../../services/types';
import { loadPage, showError, confirm } from '../../../utils/page';
import { mediaUrl } from '../../../utils/media';
import { loadedPage } from '../../../behaviors/loaded-page';

Component({
  behaviors: [loadedPage],
  data: { state: 'loading', error: '', errorCode: '', profile: null as null | Profile, nickname: '', avatar: '', newAvatarFile: '', tierName: '', saving: false },
  methods: {
    load() {
      return loadPage(this, async () => {
        const p = await me.profile();
        return { profile: p, nickname: p.nickname || '', avatar: mediaUrl(p.avatar), newAvatarFile: '', tierName: p.tier ? p.tier.name : '普通会员' };
      });
    },
    onChooseAvatar(e: WechatMiniprogram.CustomEvent) {
      // A temporary local file: shown at once, uploaded when the member saves.
      this.setData({ avatar: e.detail.avatarUrl, newAvatarFile: e.detail.avatarUrl });
    },
    onNickname(e: WechatMiniprogram.Input) {
      this.setData({ nickname: e.detail.value });
    },
    async onSave() {
      if (this.data.saving) return;
      const nickname = this.data.nickname.trim();
      if (!nickname) {
        wx.showToast({ title: '昵称不能为空', icon: 'none' });
        return;
      }
      this.setData({ saving: true });
      try {
        if (this.data.newAvatarFile) {
          const uploaded = await me.uploadAvatar(this.data.newAvatarFile);
          this.setData({ avatar: mediaUrl(uploaded.data.avatar), newAvatarFile: '' });
        }
        await me.updateProfile({ nickname });
        wx.showToast({ title: '已保存', icon: 'none' });
      } catch (e) {
        showError(e);
      } finally {
        this.setData({ saving: false });
      }
    },
    async onLogout() {
      if (!(await confirm('退出登录', '退出后需要重新授权登录，确定退出吗？', '退出'))) return;
      await auth.logout();
      wx.reLaunch({ url: '/pages/home/index' });
    },
  },
});
