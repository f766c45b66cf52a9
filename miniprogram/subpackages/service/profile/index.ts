/** Nickname and avatar (WeChat's chooseAvatar and nickname input), membership and tags, and logout. */
import { auth, me } from '../../../services/api';
import type { Profile } from '../../../services/types';
import { loadPage, showError, confirm } from '../../../utils/page';

Component({
  data: { state: 'loading', error: '', errorCode: '', profile: null as null | Profile, nickname: '', avatar: '', tierName: '', saving: false },
  methods: {
    onLoad() {
      this.load();
    },
    onPullDownRefresh() {
      this.load();
    },
    onRetry() {
      this.setData({ state: 'loading' });
      this.load();
    },
    load() {
      return loadPage(this, async () => {
        const p = await me.profile();
        return { profile: p, nickname: p.nickname || '', avatar: p.avatar || '', tierName: p.tier ? p.tier.name : '普通会员' };
      });
    },
    onChooseAvatar(e: WechatMiniprogram.CustomEvent) {
      this.setData({ avatar: e.detail.avatarUrl });
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
        // chooseAvatar hands out a temporary local file (wxfile://, http://tmp/…): only a lasting https URL is
        // worth storing; the CMS has no member upload route yet, so a new photo shows on this phone only.
        const avatar = /^https:\/\//.test(this.data.avatar) ? this.data.avatar : undefined;
        await me.updateProfile({ nickname, ...(avatar ? { avatar } : {}) });
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
