import type { KeyValueStore } from '../kv-store';
import { withClusterLock } from '../cluster-lock';
import { wechatCallErrors } from '../metrics';

export interface AccessTokenConfig {
  /** e.g. https://api.weixin.qq.com, or the local emulator in tests and demos. */
  baseUrl: string;
  appid: string;
  secret: string;
}

/** The token could not be had right now (network, WeChat busy, lease held too long): try again later. */
export class AccessTokenUnavailable extends Error {
  constructor(readonly reason: string) {
    super(`WeChat access token unavailable: ${reason}`);
  }
}

interface CachedToken {
  token: string;
  /** Epoch ms at which WeChat stops accepting it. */
  expiresAt: number;
  /** Epoch ms from which the cluster asks for the next one. */
  refreshAt: number;
}

const DEFAULT_TIMEOUT_MS = 5000;
/** Refreshed this long before it expires, so no send ever uses a token in its last minutes. */
const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;
/** How long a caller waits for another process that holds the refresh lease. */
const DEFAULT_WAIT_MS = 5000;

/**
 * The mini program's access token for server APIs (subscribe messages). One token per app id for the
 * whole cluster: the daily quota of stable_token calls is small, so the token lives in the shared store
 * and one process at a time refreshes it (a lease), shortly before it expires. Sends never fetch a token
 * of their own; a send that WeChat answers "token invalid" asks for one forced refresh.
 */
export class AccessTokens {
  private readonly refreshMarginMs: number;
  private readonly waitMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly store: KeyValueStore,
    private readonly config: () => AccessTokenConfig,
    opts: { refreshMarginMs?: number; waitMs?: number; timeoutMs?: number } = {},
  ) {
    this.refreshMarginMs = opts.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.waitMs = opts.waitMs ?? DEFAULT_WAIT_MS;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  private key() {
    return `wechat:access-token:${this.config().appid}`;
  }

  private async cached(): Promise<CachedToken | null> {
    let raw: string | null;
    try {
      raw = await this.store.get(this.key());
    } catch {
      throw new AccessTokenUnavailable('store_down');
    }
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as CachedToken;
      return typeof parsed.token === 'string' && Number.isFinite(parsed.expiresAt) && Number.isFinite(parsed.refreshAt) ? parsed : null;
    } catch {
      return null;
    }
  }

  private fresh(t: CachedToken | null): boolean {
    const now = Date.now();
    return t !== null && now < t.refreshAt && now < t.expiresAt;
  }

  /** A token good for a send; fetched only when the cluster has none, or it is in its last minutes. */
  async current(): Promise<string> {
    const cached = await this.cached();
    if (cached && this.fresh(cached)) return cached.token;
    return this.refresh(cached?.token ?? null, false);
  }

  /** WeChat refused `rejected` (40001/40014/42001): replace it once for the cluster, unless someone already did. */
  async replace(rejected: string): Promise<string> {
    return this.refresh(rejected, true);
  }

  private async refresh(stale: string | null, force: boolean): Promise<string> {
    const replaced = (t: CachedToken | null): boolean => t !== null && this.fresh(t) && t.token !== stale;
    const outcome = await withClusterLock(this.store, `wechat-token:${this.config().appid}`, this.timeoutMs * 3, async () => {
      // Another process may have refreshed between our read and taking the lease.
      const again = await this.cached();
      if (again && replaced(again)) return again.token;
      const got = await this.fetchStableToken(force, again?.token ?? stale);
      await this.store.set(this.key(), JSON.stringify(got), Math.max(1, Math.floor((got.expiresAt - Date.now()) / 1000)));
      return got.token;
    });
    if (outcome.ran === true) return outcome.result;
    if (outcome.reason === 'store_down') throw new AccessTokenUnavailable('store_down');
    // Another process is refreshing: its token shows up in the store in a moment.
    const until = Date.now() + this.waitMs;
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      const t = await this.cached();
      if (t && replaced(t)) return t.token;
    }
    throw new AccessTokenUnavailable('refresh_in_progress');
  }

  private async fetchStableToken(force: boolean, previous: string | null): Promise<CachedToken> {
    const cfg = this.config();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let body: any = null;
    try {
      const res = await fetch(`${cfg.baseUrl.replace(/\/+$/, '')}/cgi-bin/stable_token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: cfg.appid, secret: cfg.secret, force_refresh: force }),
        signal: controller.signal,
      });
      body = await res.json().catch(() => null);
      if (!res.ok && !body) throw new AccessTokenUnavailable(`http_${res.status}`);
    } catch (err) {
      if (err instanceof AccessTokenUnavailable) {
        wechatCallErrors.inc({ call: 'stable_token', code: err.reason });
        throw err;
      }
      wechatCallErrors.inc({ call: 'stable_token', code: controller.signal.aborted ? 'timeout' : 'network' });
      throw new AccessTokenUnavailable(controller.signal.aborted ? 'timeout' : 'network');
    } finally {
      clearTimeout(timer);
    }
    if (!body || typeof body.access_token !== 'string' || !body.access_token) {
      const code = body && typeof body.errcode === 'number' ? String(body.errcode) : 'bad_answer';
      wechatCallErrors.inc({ call: 'stable_token', code });
      throw new AccessTokenUnavailable(`errcode_${code}`);
    }
    const seconds = Number(body.expires_in) > 0 ? Number(body.expires_in) : 7200;
    const expiresAt = Date.now() + seconds * 1000;
    // WeChat may hand back the same token (still valid): then it is used to its end, not asked for again
    // on every send of its last minutes.
    const refreshAt = body.access_token === previous ? expiresAt : expiresAt - this.refreshMarginMs;
    return { token: body.access_token, expiresAt, refreshAt };
  }
}
