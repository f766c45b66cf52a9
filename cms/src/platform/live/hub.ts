import type { WebSocket } from 'ws';

/**
 * Live seat status, one process's side: the sockets of /api/live, who they are, what they follow.
 * Protocol (API.md, "Live"): the client's first message is `{ type: "auth", token }` (a member access
 * token); then `{ type: "subscribe" | "unsubscribe", room, date }`. The server pushes
 * `{ type: "seats", room, date, version, changes }` for every committed change of a followed room-day,
 * `{ type: "resync", room, date, version }` when the client must refetch the day, and
 * `{ type: "error", code, message }`. No Strapi in here: authentication and room checks are given.
 */
export interface LiveOptions {
  /** Time allowed between connecting and a valid auth message. */
  authTimeoutMs: number;
  /** Protocol ping interval; a socket that did not answer the previous ping is dropped. */
  heartbeatMs: number;
  maxSubscriptions: number;
  /** A socket with more unsent bytes than this is a slow consumer: it is closed (the client refetches). */
  maxBufferedBytes: number;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  authTimeoutMs: 10_000,
  heartbeatMs: 25_000,
  maxSubscriptions: 10,
  maxBufferedBytes: 256 * 1024,
};

export type AuthResult = { ok: true; userId: number } | { ok: false; code: 'UNAUTHORIZED' | 'BANNED'; message: string };

export interface LiveDeps {
  authenticate(token: string): Promise<AuthResult>;
  /** The room's current availability version, or NOT_FOUND. */
  roomVersion(room: string): Promise<{ ok: true; version: number | null } | { ok: false }>;
  onCountChange?(open: number): void;
}

export interface SeatsPush {
  room: string;
  date: string;
  version: number | null;
  changes: { seat: string; start: string; end: string; state: 'held' | 'booked' | 'free' }[];
}

/** Close codes (4000–4999 are the application's). */
export const CLOSE = { UNAUTHORIZED: 4401, BANNED: 4403, AUTH_TIMEOUT: 4408, SLOW_CONSUMER: 4008, SHUTDOWN: 1001 } as const;

interface Client {
  userId: number | null;
  topics: Set<string>;
  alive: boolean;
  authTimer: NodeJS.Timeout | null;
  inbox: Promise<unknown>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const topicOf = (room: string, date: string) => `${room}|${date}`;

export class LiveHub {
  private readonly clients = new Map<WebSocket, Client>();
  private readonly topics = new Map<string, Set<WebSocket>>();
  private readonly byUser = new Map<number, Set<WebSocket>>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly deps: LiveDeps, private readonly opts: LiveOptions = DEFAULT_LIVE_OPTIONS) {
    this.heartbeat = setInterval(() => this.beat(), opts.heartbeatMs);
    this.heartbeat.unref();
  }

  get size() {
    return this.clients.size;
  }

  accept(ws: WebSocket) {
    const client: Client = { userId: null, topics: new Set(), alive: true, authTimer: null, inbox: Promise.resolve() };
    client.authTimer = setTimeout(() => this.refuse(ws, CLOSE.AUTH_TIMEOUT, 'UNAUTHORIZED', 'Send { "type": "auth", "token": "<jwt>" } first.'), this.opts.authTimeoutMs);
    client.authTimer.unref();
    this.clients.set(ws, client);
    this.deps.onCountChange?.(this.clients.size);
    ws.on('pong', () => (client.alive = true));
    // One message at a time per socket: a client may send subscribe right behind auth, before the token
    // is checked (the check awaits the database).
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? null : data.toString();
      client.inbox = client.inbox.then(() => this.onMessage(ws, client, text)).catch(() => undefined);
    });
    ws.on('close', () => this.forget(ws));
    ws.on('error', () => ws.terminate());
  }

  /** Delivers a committed change to the sockets following that room-day on this process. */
  publish(push: SeatsPush) {
    const followers = this.topics.get(topicOf(push.room, push.date));
    if (!followers?.size) return;
    // Serialised once for every follower; a push without known changes asks for a refetch.
    const frame = JSON.stringify(push.changes.length ? { type: 'seats', ...push } : { type: 'resync', room: push.room, date: push.date, version: push.version });
    for (const ws of followers) this.send(ws, frame);
  }

  /** Sends a message to every socket of one member on this process (e.g. a waiting-list offer). */
  tell(userId: number, message: { type: string } & Record<string, unknown>) {
    const sockets = this.byUser.get(userId);
    if (!sockets?.size) return;
    const frame = JSON.stringify(message);
    for (const ws of sockets) this.send(ws, frame);
  }

  /** Ends a member's sockets (logout, ban): an error message, then a close with a code. */
  endMember(userId: number, reason: 'logout' | 'ban') {
    const sockets = this.byUser.get(userId);
    if (!sockets) return;
    for (const ws of [...sockets]) {
      if (reason === 'ban') this.refuse(ws, CLOSE.BANNED, 'BANNED', 'Your account is banned: live seat status is closed.');
      else this.refuse(ws, CLOSE.UNAUTHORIZED, 'UNAUTHORIZED', 'You logged out.');
    }
  }

  close() {
    clearInterval(this.heartbeat);
    for (const ws of [...this.clients.keys()]) {
      ws.close(CLOSE.SHUTDOWN, 'server shutting down');
      this.forget(ws);
    }
  }

  private async onMessage(ws: WebSocket, client: Client, text: string | null) {
    let msg: any;
    try {
      msg = text === null ? null : JSON.parse(text);
    } catch {
      msg = null;
    }
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return this.error(ws, 'VALIDATION', 'Send JSON messages with a "type".');

    if (client.userId === null) {
      if (msg.type !== 'auth' || typeof msg.token !== 'string' || msg.token.length > 4096) {
        return this.refuse(ws, CLOSE.UNAUTHORIZED, 'UNAUTHORIZED', 'Send { "type": "auth", "token": "<jwt>" } first.');
      }
      const result = await this.deps.authenticate(msg.token).catch((): AuthResult => ({ ok: false, code: 'UNAUTHORIZED', message: 'The token could not be checked; log in again.' }));
      if (!this.clients.has(ws)) return;
      if (result.ok === false) {
        const refusal = result as Extract<AuthResult, { ok: false }>;
        return this.refuse(ws, refusal.code === 'BANNED' ? CLOSE.BANNED : CLOSE.UNAUTHORIZED, refusal.code, refusal.message);
      }
      if (client.authTimer) clearTimeout(client.authTimer);
      client.authTimer = null;
      const userId = (result as Extract<AuthResult, { ok: true }>).userId;
      client.userId = userId;
      let mine = this.byUser.get(userId);
      if (!mine) this.byUser.set(userId, (mine = new Set()));
      mine.add(ws);
      return this.send(ws, JSON.stringify({ type: 'ready' }));
    }

    if (msg.type === 'subscribe' || msg.type === 'unsubscribe') {
      const room = typeof msg.room === 'string' ? msg.room.trim() : '';
      const date = typeof msg.date === 'string' ? msg.date : '';
      if (!room || room.length > 64 || !DAY.test(date)) return this.error(ws, 'VALIDATION', 'Give a room id and a date like 2026-05-20.');
      const topic = topicOf(room, date);
      if (msg.type === 'unsubscribe') {
        client.topics.delete(topic);
        this.topics.get(topic)?.delete(ws);
        if (this.topics.get(topic)?.size === 0) this.topics.delete(topic);
        return this.send(ws, JSON.stringify({ type: 'unsubscribed', room, date }));
      }
      if (!client.topics.has(topic) && client.topics.size >= this.opts.maxSubscriptions) {
        return this.error(ws, 'QUOTA_EXCEEDED', `A socket follows at most ${this.opts.maxSubscriptions} room-days; unsubscribe from one first.`);
      }
      const found = await this.deps.roomVersion(room).catch(() => ({ ok: true as const, version: null }));
      if (!this.clients.has(ws)) return;
      if (!found.ok) return this.error(ws, 'NOT_FOUND', 'This room does not exist.');
      client.topics.add(topic);
      let followers = this.topics.get(topic);
      if (!followers) this.topics.set(topic, (followers = new Set()));
      followers.add(ws);
      return this.send(ws, JSON.stringify({ type: 'subscribed', room, date, version: found.version }));
    }
    if (msg.type === 'auth') return this.error(ws, 'VALIDATION', 'This socket is already authenticated.');
    // wx.connectSocket cannot send protocol pings: the mini program's heartbeat is this message.
    if (msg.type === 'ping') return this.send(ws, JSON.stringify({ type: 'pong' }));
    return this.error(ws, 'VALIDATION', `Unknown message type "${String(msg.type).slice(0, 40)}".`);
  }

  private send(ws: WebSocket, frame: string) {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount + frame.length > this.opts.maxBufferedBytes) {
      // Never queue without bound for a client that does not read: it reconnects and refetches.
      ws.close(CLOSE.SLOW_CONSUMER, 'too slow: reconnect and refetch');
      setTimeout(() => ws.terminate(), 1000).unref();
      this.forget(ws);
      return;
    }
    ws.send(frame);
  }

  private error(ws: WebSocket, code: string, message: string) {
    this.send(ws, JSON.stringify({ type: 'error', code, message }));
  }

  private refuse(ws: WebSocket, closeCode: number, code: string, message: string) {
    this.error(ws, code, message);
    ws.close(closeCode, code);
    this.forget(ws);
  }

  private beat() {
    for (const [ws, client] of this.clients) {
      if (!client.alive) {
        ws.terminate();
        this.forget(ws);
        continue;
      }
      client.alive = false;
      if (ws.readyState === ws.OPEN) ws.ping();
    }
  }

  private forget(ws: WebSocket) {
    const client = this.clients.get(ws);
    if (!client) return;
    if (client.authTimer) clearTimeout(client.authTimer);
    for (const topic of client.topics) {
      const followers = this.topics.get(topic);
      followers?.delete(ws);
      if (followers?.size === 0) this.topics.delete(topic);
    }
    if (client.userId !== null) {
      const mine = this.byUser.get(client.userId);
      mine?.delete(ws);
      if (mine?.size === 0) this.byUser.delete(client.userId);
    }
    this.clients.delete(ws);
    this.deps.onCountChange?.(this.clients.size);
  }
}
