export {
  loadWechatPayConfig,
  loadPlatformCerts,
  DEFAULT_WECHATPAY_BASE_URL,
  DEFAULT_WECHATPAY_TIMEOUT_MS,
} from './config';
export type { WechatPayConfig, WechatPayConfigResult } from './config';
export { createWechatPayClient, formatWechatTime } from './client';
export type {
  WechatPayClient,
  WechatPayClientOptions,
  CreateJsapiOrderInput,
  CreateRefundInput,
  JsapiPaymentParams,
  WechatTransaction,
  WechatRefund,
  DownloadedPlatformCert,
} from './client';
export { verifyNotification, NotificationRejected } from './notification';
export type { VerifiedNotification, VerifyNotificationInput, NotificationRejectReason } from './notification';
export { SIGNTEST_PREFIX } from './signature';
