/**
 * Every failure the member can meet, as one error type with the server's stable code and a Chinese
 * sentence that says what to do next. Pages show `message`; logic branches on `code`.
 */
import { formatDateTime } from '../utils/time';

export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'BANNED'
  | 'NOT_FOUND'
  | 'SEAT_TAKEN'
  | 'SLOT_MISALIGNED'
  | 'OUTSIDE_OPENING_HOURS'
  | 'BEYOND_HORIZON'
  | 'TOO_LONG'
  | 'QUOTA_EXCEEDED'
  | 'INSUFFICIENT_BALANCE'
  | 'COUPON_INVALID'
  | 'HOLD_EXPIRED'
  | 'INVALID_STATE'
  | 'CHECKIN_WINDOW'
  | 'CANCEL_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'PAYMENT_PROVIDER'
  | 'ROOM_UNAVAILABLE'
  | 'PAYMENTS_NOT_CONFIGURED'
  | 'WECHAT_BUSY'
  | 'CONFLICT'
  | 'OFFLINE_PAYMENT_DISABLED'
  | 'WAITLIST_DUPLICATE'
  | 'WAITLIST_ALREADY_BOOKED'
  /** Client-side: no answer (offline, timeout, DNS). */
  | 'NETWORK'
  /** Client-side: the member closed the WeChat Pay sheet. */
  | 'PAYMENT_CANCELLED'
  /** Anything the server did not classify (5xx, unknown code). */
  | 'SERVER';

type Details = Record<string, any>;

const SENTENCES: Record<ErrorCode, (d: Details) => string> = {
  VALIDATION: () => '填写的内容有误，请检查后重试。',
  UNAUTHORIZED: () => '登录已失效，请重新进入小程序。',
  FORBIDDEN: () => '没有权限进行这个操作。',
  BANNED: (d) =>
    `你的账号已被限制使用${d.until ? `，至 ${formatDateTime(d.until)} 解除` : ''}${d.reason ? `。原因：${d.reason}` : ''}。如有异议，可以提交申诉。`,
  NOT_FOUND: () => '没有找到这条记录，可能已被删除，请刷新后再试。',
  SEAT_TAKEN: () => '这个座位在所选时段已被占用，请换个座位或时段。',
  SLOT_MISALIGNED: () => '开始和结束时间需要对齐预约时间格，请重新选择时段。',
  OUTSIDE_OPENING_HOURS: () => '所选时段不在营业时间内，请在营业时间内选择。',
  BEYOND_HORIZON: (d) => `所选日期太远了${d.horizonDays ? `，目前只能预约 ${d.horizonDays} 天内的时段` : ''}；升级会员可以提前更多天预约。`,
  TOO_LONG: () => '单次预约时长超过上限，请缩短时段。',
  QUOTA_EXCEEDED: (d) =>
    d.limit ? `最多同时排队 ${d.limit} 个候补，请先退出一个。` : '今天的可预约时长或未完成的预约数已达上限，请先完成或取消一个预约。',
  INSUFFICIENT_BALANCE: () => '钱包余额不足，请先充值，或改用微信支付。',
  COUPON_INVALID: () => '这张优惠券不可用（已使用、已过期或不适用于本单），请换一张或不用券。',
  HOLD_EXPIRED: () => '支付超时，座位已释放，请重新选择座位预约。',
  INVALID_STATE: () => '订单状态已经变化，请刷新后再试。',
  CHECKIN_WINDOW: (d) =>
    d.opensAt ? `现在不在签到时间内，请在 ${formatDateTime(d.opensAt)} 之后签到。` : '现在不在签到时间内，请在预约开始前后的签到时段内签到。',
  CANCEL_NOT_ALLOWED: () => '预约已经开始，不能再取消；如有问题请联系前台。',
  RATE_LIMITED: (d) => `操作太频繁，请${d.retryAfter ? ` ${d.retryAfter} 秒` : '稍'}后再试。`,
  PAYMENT_PROVIDER: () => '微信支付暂时没有响应，请稍后再试，或改用钱包支付。',
  ROOM_UNAVAILABLE: () => '这个房间或座位暂停开放，请换一个。',
  PAYMENTS_NOT_CONFIGURED: () => '本店暂未开通微信支付，请使用钱包支付。',
  WECHAT_BUSY: () => '微信登录繁忙，请几秒后再试。',
  CONFLICT: () => '操作冲突，请刷新后重试。',
  OFFLINE_PAYMENT_DISABLED: () => '本店暂不支持到店支付，请选择其他支付方式。',
  WAITLIST_DUPLICATE: () => '你已经在排队候补这个时段了，可以在「我的候补」里查看。',
  WAITLIST_ALREADY_BOOKED: () => '你在这个时段已经有预约了，不用再排队候补。',
  NETWORK: () => '网络连接失败，请检查网络后重试。',
  PAYMENT_CANCELLED: () => '你取消了支付，座位会保留到倒计时结束。',
  SERVER: () => '服务暂时出了点问题，请稍后再试。',
};

export function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(SENTENCES, code);
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Details;
  /** The server's own (English) message, for logs and bug reports. */
  readonly serverMessage: string;

  constructor(code: ErrorCode, status: number, details: Details = {}, serverMessage = '') {
    super(SENTENCES[code](details));
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
    this.serverMessage = serverMessage;
  }
}

/** The member-facing sentence for a code (with its details). */
export function describeError(code: ErrorCode, details: Details = {}): string {
  return SENTENCES[code](details);
}

/** Turns an HTTP answer (status, Strapi error body, headers) into an ApiError. */
export function errorFromResponse(status: number, body: any, headers: Record<string, string> = {}): ApiError {
  const err = body && typeof body === 'object' ? body.error : undefined;
  const details: Details = { ...((err && err.details) || {}) };
  let code: ErrorCode;
  if (isKnownCode(details.code)) code = details.code;
  else if (status === 401) code = 'UNAUTHORIZED';
  else if (status === 403) code = 'FORBIDDEN';
  else if (status === 404) code = 'NOT_FOUND';
  else if (status === 429) code = 'RATE_LIMITED';
  else if (status === 400) code = 'VALIDATION';
  else code = 'SERVER';
  if (code === 'RATE_LIMITED') {
    const retry = headers['Retry-After'] ?? headers['retry-after'];
    if (retry && !details.retryAfter) details.retryAfter = Number(retry);
  }
  return new ApiError(code, status, details, (err && err.message) || '');
}

/** Any thrown value as an ApiError (pages only ever show `.message`). */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError('SERVER', 0, {}, e instanceof Error ? e.message : String(e));
}
