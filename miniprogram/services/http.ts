/**
 * The only code that calls wx.request / wx.uploadFile. It adds the member's JWT, logs in with wx.login
 * when there is no session, refreshes an expired JWT once on 401 – single flight, so ten parallel calls
 * that all see 401 cause one refresh – and turns every failure into an ApiError with a Chinese sentence.
 */
import { config } from '../config';
import { ApiError, errorFromResponse } from './errors';
import { clearSession, currentSession, saveSession } from './session';
import type { Envelope, LoginResult, TokenPair } from './types';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Query = Record<string, string | number | boolean | undefined | null>;

export interface ApiRequest {
  method: Method;
  path: string;
  query?: Query;
  data?: unknown;
  headers?: Record<string, string>;
  /** false for the few anonymous routes (login, refresh, public settings). */
  auth?: boolean;
}

interface RawResponse {
  statusCode: number;
  data: any;
  header: Record<string, string>;
}

export function buildUrl(path: string, query?: Query): string {
  const parts = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return `${config.apiBaseUrl.replace(/\/$/, '')}${path}${parts.length ? `?${parts.join('&')}` : ''}`;
}

function send(method: Method, url: string, data: unknown, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    wx.request({
      url,
      method,
      data: data as any,
      header: { 'content-type': 'application/json', ...headers },
      timeout: config.requestTimeoutMs,
      success: (res) => resolve({ statusCode: res.statusCode, data: res.data, header: (res.header || {}) as Record<string, string> }),
      fail: (err) => reject(new ApiError('NETWORK', 0, {}, err && err.errMsg ? err.errMsg : 'request failed')),
    });
  });
}

function wxLoginCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (res) => (res.code ? resolve(res.code) : reject(new ApiError('WECHAT_BUSY', 0, {}, 'wx.login gave no code'))),
      fail: (err) => reject(new ApiError('WECHAT_BUSY', 0, {}, err && err.errMsg ? err.errMsg : 'wx.login failed')),
    });
  });
}

/** wx.login, then the CMS exchanges the code with WeChat (code2Session) and answers our own tokens. */
export async function loginWithWechat(): Promise<LoginResult> {
  const code = await wxLoginCode();
  const res = await send('POST', buildUrl('/api/auth/wechat/login'), { code }, {});
  if (res.statusCode !== 200) throw errorFromResponse(res.statusCode, res.data, res.header);
  const body = res.data as LoginResult;
  saveSession({ jwt: body.jwt, refreshToken: body.refreshToken, userId: body.user.id });
  return body;
}

async function refreshTokens(): Promise<void> {
  const s = currentSession();
  if (s && s.refreshToken) {
    const res = await send('POST', buildUrl('/api/auth/refresh'), { refreshToken: s.refreshToken }, {});
    if (res.statusCode === 200 && res.data && res.data.jwt) {
      const pair = res.data as TokenPair;
      saveSession({ ...s, jwt: pair.jwt, refreshToken: pair.refreshToken || s.refreshToken });
      return;
    }
    if (res.statusCode >= 500 || res.statusCode === 429) throw errorFromResponse(res.statusCode, res.data, res.header);
  }
  // No refresh token, or it was rejected (rotated elsewhere, session revoked): log in again silently.
  clearSession();
  await loginWithWechat();
}

let renewal: Promise<void> | null = null;

/**
 * Makes sure a usable session exists. `staleJwt` is the token a 401 was answered to: if the session has
 * moved on since (another call already refreshed it), nothing is done. Every caller during one renewal
 * awaits the same promise.
 */
export function renewSession(staleJwt: string | null): Promise<void> {
  const s = currentSession();
  if (s && s.jwt !== staleJwt) return Promise.resolve();
  if (!renewal) {
    renewal = (s ? refreshTokens() : loginWithWechat().then(() => undefined)).finally(() => {
      renewal = null;
    });
  }
  return renewal;
}

/** Sends with the current JWT; on 401 renews the session once and sends again. */
async function withSession(auth: boolean, attempt: (headers: Record<string, string>) => Promise<RawResponse>): Promise<RawResponse> {
  if (!auth) return attempt({});
  if (!currentSession()) await renewSession(null);
  const used = currentSession()!.jwt;
  let res = await attempt({ Authorization: `Bearer ${used}` });
  if (res.statusCode === 401) {
    await renewSession(used);
    res = await attempt({ Authorization: `Bearer ${currentSession()!.jwt}` });
  }
  return res;
}

export async function apiRequest<T>(req: ApiRequest): Promise<Envelope<T>> {
  const url = buildUrl(req.path, req.query);
  const res = await withSession(req.auth !== false, (auth) => send(req.method, url, req.data, { ...(req.headers ?? {}), ...auth }));
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as Envelope<T>;
  throw errorFromResponse(res.statusCode, res.data, res.header);
}

/** multipart/form-data upload of one local file (wx.uploadFile), with the same session handling. */
export async function apiUpload<T>(path: string, filePath: string, field = 'file', formData: Record<string, string> = {}): Promise<Envelope<T>> {
  const url = buildUrl(path);
  const res = await withSession(true, (auth) =>
    new Promise<RawResponse>((resolve, reject) => {
      wx.uploadFile({
        url,
        filePath,
        name: field,
        formData,
        header: auth,
        timeout: config.requestTimeoutMs * 2,
        success: (r) => {
          let data: any = r.data;
          try {
            data = typeof r.data === 'string' ? JSON.parse(r.data) : r.data;
          } catch {
            /* a non-JSON body is mapped by status below */
          }
          resolve({ statusCode: r.statusCode, data, header: {} });
        },
        fail: (err) => reject(new ApiError('NETWORK', 0, {}, err && err.errMsg ? err.errMsg : 'upload failed')),
      });
    }),
  );
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as Envelope<T>;
  throw errorFromResponse(res.statusCode, res.data, res.header);
}

/** Logs out on the server (best effort: the refresh token is revoked there) and forgets the tokens. */
export async function logout(): Promise<void> {
  const s = currentSession();
  if (s) {
    try {
      await send('POST', buildUrl('/api/auth/logout'), { refreshToken: s.refreshToken }, { Authorization: `Bearer ${s.jwt}` });
    } catch {
      /* offline: the tokens are still forgotten locally */
    }
  }
  clearSession();
}
