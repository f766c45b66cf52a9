/**
 * The one place that says which CMS the mini program talks to. Point `apiBaseUrl` at your deployment
 * (an https domain listed under 开发管理 → 服务器域名 in the WeChat admin console); the default is the
 * local CMS of `npm start`, reachable from WeChat DevTools with "不校验合法域名" ticked.
 */
export interface AppConfig {
  apiBaseUrl: string;
  /** wx.request timeout (ms). */
  requestTimeoutMs: number;
  /** Customer-service phone used when the store's settings carry none. */
  fallbackPhone: string;
}

export const config: AppConfig = {
  apiBaseUrl: 'http://127.0.0.1:1337',
  requestTimeoutMs: 15000,
  fallbackPhone: '400-000-0000',
};

/** Tests and the end-to-end journey point the client at their own CMS. */
export function configure(overrides: Partial<AppConfig>): void {
  Object.assign(config, overrides);
}
