/** Why the member is banned and until when, the appeal they filed (and staff's answer), or the form to file one. */
import { me } from '../../../services/api';
import type { Profile } from '../../../services/types';
import { loadPage, showError } from '../../../utils/page';
import { formatDateTime } from '../../../utils/time';
import { loadedPage } from '../../../behaviors/loaded-page';

const APPEAL_STATUS: Record<string, string> = { open: '审核中', accepted: '已通过', rejected: '未通过' };

Component({
  behaviors: [loadedPage],
  data: {
    state: 'loading',
    error: '',
    errorCode: '',
    banned: false,
    until: '',
    reason: '',
    appeal: null as null | { status: string; statusName: string; text: string; reply: string; at: string },
    canAppeal: false,
    text: '',
    sending: false,
  },
  methods: {
    load() {
      return loadPage(this, async () => {
        const p: Profile = await me.profile();
        const ban = p.ban;
        const a = ban && ban.appeal;
        return {
          banned: !!ban,
          until: ban ? formatDateTime(ban.until) : '',
          reason: ban ? ban.reason : '',
          appeal: a ? { status: a.status, statusName: APPEAL_STATUS[a.status] || a.status, text: a.text, reply: a.reply || '', at: a.createdAt ? formatDateTime(a.createdAt) : '' } : null,
          canAppeal: !!ban && (!a || a.status !== 'open'),
        };
      });
    },
    onText(e: WechatMiniprogram.Input) {
      this.setData({ text: e.detail.value });
    },
    async onSubmit() {
      const text = this.data.text.trim();
      if (this.data.sending) return;
      if (text.length < 5) {
        wx.showToast({ title: '请写清楚申诉理由（至少 5 个字）', icon: 'none' });
        return;
      }
      this.setData({ sending: true });
      try {
        await me.appeal(text);
        wx.showToast({ title: '申诉已提交', icon: 'none' });
        this.setData({ text: '' });
        await this.load();
      } catch (e) {
        showError(e);
      } finally {
        this.setData({ sending: false });
      }
    },
  },
});
