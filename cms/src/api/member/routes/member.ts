export default {
  routes: [
    { method: 'POST', path: '/auth/wechat/login', handler: 'member.wechatLogin', config: { auth: false } },
    { method: 'PUT', path: '/me/profile', handler: 'member.updateProfile' },
    { method: 'POST', path: '/me/avatar', handler: 'member.uploadAvatar' },
    { method: 'POST', path: '/me/appeals', handler: 'member.fileAppeal' },
    { method: 'GET', path: '/me/subscriptions', handler: 'member.subscriptions' },
    { method: 'POST', path: '/me/subscriptions', handler: 'member.acceptSubscriptions' },
  ],
};
