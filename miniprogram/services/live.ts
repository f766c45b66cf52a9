/**
 * Live seat status over `wx.connectSocket` (/api/live, plain WebSocket): authenticate with the session's
 * JWT, follow one room-day, and hand the page either a new availability (a push applied by version) or a
 * request to refetch (a missed version, a `resync`, a fresh (re)connection). A heartbeat notices a dead
 * connection the phone did not report; drops reconnect with exponential backoff and jitter; logout,
 * ban and hiding the page stop it. Waiting-list offers addressed to the member arrive here too.
 */
import { config } from '../config';
import { currentSession } from './session';
import type { Availability } from './types';
import { applySeatsPush, backoffDelay, decidePush, DEFAULT_BACKOFF, type BackoffOptions, type SeatsPush } from '../utils/live-seats';

/** The slice of WechatMiniprogram.SocketTask the client uses (tests pass a fake). */
export interface SocketLike {
  send(o: { data: string }): void;
  close(o?: { code?: number; reason?: string }): void;
  onOpen(cb: () => void): void;
  onMessage(cb: (m: { data: string | ArrayBuffer }) => void): void;
  onClose(cb: (r: { code: number; reason: string }) => void): void;
  onError(cb: (e: unknown) => void): void;
}

export interface LiveDeps {
  connect(url: string): SocketLike;
  token(): string | null;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  random(): number;
}

export interface WaitlistOfferMessage {
  type: 'waitlist_offer';
  entry: string;
  booking: string;
  room: string;
  roomName: string;
  seat: string;
  seatLabel: string;
  start: string;
  end: string;
  expiresAt: string;
}

export interface LiveHandlers {
  /** The day to show changed: render it. */
  onAvailability(day: Availability): void;
  /** The page's copy can no longer be trusted: fetch the day again, then call `refetched(day)`. */
  onRefetch(): void;
  onOffer?(offer: WaitlistOfferMessage): void;
  /** 'live' once following; 'reconnecting' between attempts; 'stopped' for good (logout, ban). */
  onStatus?(status: 'connecting' | 'live' | 'reconnecting' | 'stopped'): void;
}

export interface LiveOptions {
  heartbeatMs: number;
  /** No message (not even a pong) for this long: the connection is dead, reconnect. */
  silenceMs: number;
  backoff: BackoffOptions;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = { heartbeatMs: 25_000, silenceMs: 60_000, backoff: DEFAULT_BACKOFF };

/** Close codes after which reconnecting cannot help (server's hub: UNAUTHORIZED, BANNED). */
const FINAL_CLOSE = [4401, 4403];

export const wxLiveDeps: LiveDeps = {
  connect: (url) => wx.connectSocket({ url, timeout: 10_000 } as any) as unknown as SocketLike,
  token: () => (currentSession() ? currentSession()!.jwt : null),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as any),
  random: Math.random,
};

export const liveUrl = (apiBaseUrl: string) => `${apiBaseUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/api/live`;

export class LiveSeats {
  private socket: SocketLike | null = null;
  /** Authenticated on the current socket (subscriptions sent before would be refused). */
  private ready = false;
  private attempt = 0;
  private stopped = true;
  private version: number | null = null;
  private day: Availability | null = null;
  private following: { room: string; date: string } | null = null;
  private retryTimer: unknown = null;
  private beatTimer: unknown = null;
  private lastHeard = 0;
  private clock = 0;

  constructor(private readonly handlers: LiveHandlers, private readonly deps: LiveDeps = wxLiveDeps, private readonly opts: LiveOptions = DEFAULT_LIVE_OPTIONS) {}

  /** Starts (or switches) following a room-day; the page then gets a refetch request once subscribed. */
  follow(room: string, date: string) {
    const previous = this.following;
    this.following = { room, date };
    this.version = null;
    if (this.stopped) {
      this.stopped = false;
      this.attempt = 0;
      this.open();
      return;
    }
    // Before `ready` the subscription is sent by the ready handler, for whatever is followed then.
    if (!this.socket || !this.ready) return;
    if (previous && (previous.room !== room || previous.date !== date)) this.sendJson({ type: 'unsubscribe', room: previous.room, date: previous.date });
    this.sendJson({ type: 'subscribe', room, date });
  }

  /** Connects without following a room-day: only the member's own messages (a waiting-list offer). */
  listen() {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.open();
  }

  /** The page fetched the day (after onRefetch, or on its own): pushes apply on top of it. */
  refetched(day: Availability) {
    this.day = day;
  }

  /** Hide, unload, logout: close and do not come back until `follow` is called again. */
  stop() {
    this.stopped = true;
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    if (s) s.close({ code: 1000, reason: 'bye' });
    this.handlers.onStatus && this.handlers.onStatus('stopped');
  }

  get knownVersion() {
    return this.version;
  }

  private open() {
    const token = this.deps.token();
    if (!token) return this.stop();
    this.handlers.onStatus && this.handlers.onStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const socket = this.deps.connect(liveUrl(config.apiBaseUrl));
    this.socket = socket;
    this.ready = false;
    socket.onOpen(() => {
      if (this.socket !== socket) return;
      this.heard();
      this.sendJson({ type: 'auth', token });
      this.startHeartbeat();
    });
    socket.onMessage((m) => {
      if (this.socket !== socket) return;
      this.heard();
      let msg: any;
      try {
        msg = JSON.parse(typeof m.data === 'string' ? m.data : '');
      } catch {
        return;
      }
      this.onMessage(msg);
    });
    socket.onClose((r) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (FINAL_CLOSE.indexOf(r.code) >= 0) return this.stop();
      this.scheduleReconnect();
    });
    socket.onError(() => {
      if (this.socket !== socket) return;
      this.socket = null;
      try {
        socket.close({});
      } catch {
        /* already closed */
      }
      this.scheduleReconnect();
    });
  }

  private onMessage(msg: any) {
    const f = this.following;
    if (msg.type === 'ready') {
      this.ready = true;
      if (f) this.sendJson({ type: 'subscribe', room: f.room, date: f.date });
      return;
    }
    if (msg.type === 'subscribed') {
      if (!f || msg.room !== f.room || msg.date !== f.date) return;
      // Connected and following: the backoff starts over, and the page refetches what it may have missed.
      this.attempt = 0;
      this.version = typeof msg.version === 'number' ? msg.version : null;
      this.handlers.onStatus && this.handlers.onStatus('live');
      this.handlers.onRefetch();
      return;
    }
    if (msg.type === 'seats' || msg.type === 'resync') {
      if (!f || msg.room !== f.room || msg.date !== f.date) return;
      const decision = msg.type === 'resync' ? { action: 'refetch' as const, version: msg.version ?? null } : decidePush(this.version, msg.version);
      if (decision.action === 'ignore') return;
      this.version = decision.version;
      if (decision.action === 'apply' && this.day) {
        this.day = applySeatsPush(this.day, msg as SeatsPush);
        this.handlers.onAvailability(this.day);
      } else this.handlers.onRefetch();
      return;
    }
    if (msg.type === 'waitlist_offer') {
      this.handlers.onOffer && this.handlers.onOffer(msg as WaitlistOfferMessage);
    }
  }

  private scheduleReconnect() {
    this.clearTimers();
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt, this.opts.backoff, this.deps.random);
    this.attempt += 1;
    this.handlers.onStatus && this.handlers.onStatus('reconnecting');
    this.retryTimer = this.deps.setTimer(() => {
      this.retryTimer = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  private startHeartbeat() {
    const beat = () => {
      this.beatTimer = null;
      if (this.stopped || !this.socket) return;
      this.clock += this.opts.heartbeatMs;
      if (this.clock - this.lastHeard >= this.opts.silenceMs) {
        // Heard nothing, not even a pong: the network is gone without telling us.
        const s = this.socket;
        this.socket = null;
        try {
          s.close({ code: 4000, reason: 'silent' });
        } catch {
          /* already closed */
        }
        this.scheduleReconnect();
        return;
      }
      this.sendJson({ type: 'ping' });
      this.beatTimer = this.deps.setTimer(beat, this.opts.heartbeatMs);
    };
    if (this.beatTimer) this.deps.clearTimer(this.beatTimer);
    this.beatTimer = this.deps.setTimer(beat, this.opts.heartbeatMs);
  }

  /** Time is counted in heartbeats (no wall clock: tests drive the timers). */
  private heard() {
    this.lastHeard = this.clock;
  }

  private sendJson(msg: unknown) {
    if (!this.socket) return;
    try {
      this.socket.send({ data: JSON.stringify(msg) });
    } catch {
      // Not open (any more): the close handler reconnects, and the next `ready` subscribes again.
    }
  }

  private clearTimers() {
    if (this.retryTimer) this.deps.clearTimer(this.retryTimer);
    if (this.beatTimer) this.deps.clearTimer(this.beatTimer);
    this.retryTimer = null;
    this.beatTimer = null;
  }
}
