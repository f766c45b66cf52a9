import { WebSocketServer } from 'ws';
import type { IncomingMessage } from 'http';
import type { Duplex } from 'stream';
import { runtime } from '../runtime';
import { openSockets } from '../metrics';
import { LiveHub, DEFAULT_LIVE_OPTIONS, type AuthResult, type LiveDeps } from './hub';
import { MemoryLiveBus, RedisLiveBus, type LiveBus, type LiveEvent } from './bus';

/**
 * /api/live on Strapi's own HTTP server: the hub of this process, joined to the others through the bus.
 * Started by the app's bootstrap, stopped by its destroy.
 */
export const LIVE_PATH = '/api/live';

interface Live {
  hub: LiveHub;
  bus: LiveBus;
  wss: WebSocketServer;
  detach: () => void;
}

let current: Live | null = null;

const intEnv = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export interface LiveSetup {
  /** Checks the member behind a verified token: exists, not blocked, not banned. */
  memberStanding(userId: number): Promise<{ ok: true } | { ok: false; code: 'UNAUTHORIZED' | 'BANNED'; message: string }>;
  roomVersion: LiveDeps['roomVersion'];
}

export function startLive(strapi: any, setup: LiveSetup): Live {
  if (current) return current;
  const store = runtime().store;
  const prefix = process.env.REDIS_PREFIX || 'sr:';
  const bus: LiveBus = store.client
    ? new RedisLiveBus(store.client, `${prefix}live`, (err) => strapi.log.error(`[live] Redis subscription failed: ${err.message}`))
    : new MemoryLiveBus();

  const hub = new LiveHub(
    {
      async authenticate(token): Promise<AuthResult> {
        // The token's signature and expiry, as users-permissions checks an access token (no database).
        const result = strapi.sessionManager('users-permissions').validateAccessToken(token);
        if (!result?.isValid || result.payload?.type !== 'access') return { ok: false, code: 'UNAUTHORIZED', message: 'This token is not valid or has expired; log in again.' };
        const userId = Number(result.payload.userId);
        const standing = await setup.memberStanding(userId);
        return standing.ok === true ? { ok: true, userId } : (standing as Extract<AuthResult, { ok: false }>);
      },
      roomVersion: setup.roomVersion,
      onCountChange: (n) => openSockets.set(n),
    },
    {
      authTimeoutMs: intEnv('LIVE_AUTH_TIMEOUT_MS', DEFAULT_LIVE_OPTIONS.authTimeoutMs),
      heartbeatMs: intEnv('LIVE_HEARTBEAT_MS', DEFAULT_LIVE_OPTIONS.heartbeatMs),
      maxSubscriptions: intEnv('LIVE_MAX_SUBSCRIPTIONS', DEFAULT_LIVE_OPTIONS.maxSubscriptions),
      maxBufferedBytes: intEnv('LIVE_MAX_BUFFERED_BYTES', DEFAULT_LIVE_OPTIONS.maxBufferedBytes),
    },
  );
  bus.onEvent((event: LiveEvent) => {
    if (event.kind === 'seats') hub.publish({ room: event.room, date: event.date, version: event.version, changes: event.changes });
    else if (event.kind === 'member') hub.endMember(event.userId, event.reason);
    else if (event.kind === 'notice') hub.tell(event.userId, event.message);
  });

  // Clients send a few small messages; 4 KiB bounds what one frame can make the server hold.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096, perMessageDeflate: false });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== LIVE_PATH) return; // not ours (e.g. the admin's dev server)
    wss.handleUpgrade(req, socket, head, (ws) => hub.accept(ws));
  };
  const server = strapi.server.httpServer;
  server.on('upgrade', onUpgrade);
  current = { hub, bus, wss, detach: () => server.off('upgrade', onUpgrade) };
  return current;
}

/** Publish a committed seat change to every process (called after commit; never throws). */
export async function publishLive(event: LiveEvent) {
  if (!current) return;
  await current.bus.publish(event).catch(() => undefined);
}

/** Resolves when this process receives the cluster's events (a Redis subscription is asynchronous). */
export async function liveReady() {
  const bus = current?.bus as any;
  if (bus?.ready) await bus.ready();
}

export async function stopLive() {
  const live = current;
  if (!live) return;
  current = null;
  live.detach();
  live.hub.close();
  live.wss.close();
  await live.bus.close();
}
