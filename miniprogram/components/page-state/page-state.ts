/**
 * Loading, empty and error states, the same on every page. A BANNED error also links to the ban page,
 * where the member sees why and until when, and can appeal.
 */
Component({
  options: { styleIsolation: 'isolated' },
  properties: {
    state: { type: String, value: 'loading' },
    message: { type: String, value: '' },
    code: { type: String, value: '' },
    emptyText: { type: String, value: '这里还没有内容' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
    onAppeal() {
      wx.navigateTo({ url: '/subpackages/service/ban/index' });
    },
  },
});
