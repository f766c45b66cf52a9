import { DomainError } from '../errors';

export interface LoginExchangeOptions {
  /** e.g. https://api.weixin.qq.com, or the local emulator in tests and demos. */
  baseUrl: string;
  appid: string;
  secret: string;
  /** The one-time code from `wx.login`. */
  code: string;
  timeoutMs?: number;
}

export interface WechatIdentity {
  openid: string;
  unionid: string | null;
}

const DEFAULT_TIMEOUT_MS = 5000;

const busy = (details: Record<string, unknown>) =>
  new DomainError('WECHAT_BUSY', 'WeChat login is busy; please try again in a few seconds.', details);

/** Turns a WeChat errcode into the refusal a member (or an operator) can act on. */
function loginRefusal(errcode: number, errmsg: string | undefined): DomainError {
  const details = { wechatErrcode: errcode, wechatErrmsg: errmsg ?? null };
  switch (errcode) {
    case -1:
      return busy(details);
    case 40029:
      return new DomainError('UNAUTHORIZED', 'This login code is invalid or has expired; please log in again.', details);
    case 40163:
      return new DomainError('UNAUTHORIZED', 'This login code has already been used; please log in again.', details);
    case 45011:
      return new DomainError('RATE_LIMITED', 'Too many login attempts; please wait a minute and try again.', details, {
        'Retry-After': '60',
      });
    case 40226:
      return new DomainError(
        'FORBIDDEN',
        'WeChat has blocked this account from logging in to mini programs; please contact WeChat support.',
        details,
      );
    default:
      // 40013 (invalid appid), 40125 (invalid secret) and anything undocumented: a deployment problem,
      // not something the member can fix by retrying.
      return new DomainError(
        'PAYMENT_PROVIDER',
        'The WeChat service rejected the login configuration; please try again later or contact the front desk.',
        details,
      );
  }
}

/**
 * Exchanges a `wx.login` code for the member's openid (and unionid when the mini program is bound to an
 * open platform account). The session_key is deliberately dropped: nothing here needs it and it must never
 * reach a client.
 */
export async function exchangeLoginCode(opts: LoginExchangeOptions): Promise<WechatIdentity> {
  let url: URL;
  try {
    // Appended, not resolved: a base URL with a path (a forward proxy) keeps its prefix.
    url = new URL(`${opts.baseUrl.replace(/\/+$/, '')}/sns/jscode2session`);
  } catch {
    throw new DomainError('PAYMENT_PROVIDER', 'WeChat login is not configured correctly on this server; please contact the front desk.', {
      wechatErrcode: null,
      cause: 'config',
    });
  }
  url.searchParams.set('appid', opts.appid);
  url.searchParams.set('secret', opts.secret);
  url.searchParams.set('js_code', opts.code);
  url.searchParams.set('grant_type', 'authorization_code');

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, { method: 'GET', signal: controller.signal });
    status = res.status;
    text = await res.text();
  } catch (err) {
    const timedOut = controller.signal.aborted;
    throw busy({ wechatErrcode: null, cause: timedOut ? 'timeout' : 'network', error: (err as Error)?.message });
  } finally {
    clearTimeout(timer);
  }

  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }

  // WeChat reports most failures with HTTP 200 and an errcode, so the errcode decides, not the status.
  if (body && typeof body.errcode === 'number' && body.errcode !== 0) {
    throw loginRefusal(body.errcode, body.errmsg);
  }
  if (status >= 500 || status === 429) {
    throw busy({ wechatErrcode: null, httpStatus: status });
  }
  if (status >= 400 || !body || typeof body.openid !== 'string' || body.openid === '') {
    throw new DomainError(
      'PAYMENT_PROVIDER',
      'The WeChat login service gave an unexpected answer; please try again later.',
      { wechatErrcode: body?.errcode ?? null, httpStatus: status },
    );
  }
  return {
    openid: body.openid,
    unionid: typeof body.unionid === 'string' && body.unionid !== '' ? body.unionid : null,
  };
}
