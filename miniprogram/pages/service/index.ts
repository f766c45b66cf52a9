/** 客服 tab: the store's contact text, a phone call, WeChat customer service, FAQ, refunds, ban and profile. */
import { config } from '../../config';
import { me } from '../../services/api';
import { publicSettings } from '../../services/store';
import { faq, phoneIn } from '../../utils/faq';
import { loadPage, selectTab } from '../../utils/page';
import { loadedPage } from '../../behaviors/loaded-page';

Component({
  behaviors: [loadedPage],
  data: {
    state: 'loading',
    error: '',
    errorCode: '',
    contact: '',
    phone: '',
    questions: [] as Array<{ q: string; a: string; open: boolean }>,
    nickname: '',
    banned: false,
  },
  methods: {
    onShow() {
      selectTab(this, 4);
    },
    load(refresh = false) {
      return loadPage(this, async () => {
        const [s, profile] = await Promise.all([publicSettings(refresh), me.profile().catch(() => null)]);
        return {
          contact: s.customerServiceContact,
          phone: phoneIn(s.customerServiceContact) || config.fallbackPhone,
          questions: faq(s).map((f) => ({ ...f, open: false })),
          nickname: profile && profile.nickname ? profile.nickname : '',
          banned: !!(profile && profile.ban),
        };
      });
    },
    onCall() {
      wx.makePhoneCall({ phoneNumber: this.data.phone });
    },
    onToggle(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ questions: this.data.questions.map((q, j) => (j === i ? { ...q, open: !q.open } : q)) });
    },
    onGo(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: e.currentTarget.dataset.url });
    },
  },
});
