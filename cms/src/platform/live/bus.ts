import { EventEmitter } from 'events';
import type Redis from 'ioredis';

/**
 * Carries live events between the CMS processes: Redis pub/sub on one channel when REDIS_URL is set
 * (every process, the publisher included, receives each event once from Redis), an in-process emitter
 * otherwise (the zero-setup single process). Events are small JSON objects.
 */
export type LiveEvent =
  | { kind: 'seats'; room: string; date: string; version: number | null; changes: { seat: string; start: string; end: string; state: 'held' | 'booked' | 'free' }[] }
  | { kind: 'member'; userId: number; reason: 'logout' | 'ban' }
  // A message for one member's sockets (e.g. a waiting-list offer): `message.type` names it.
  | { kind: 'notice'; userId: number; message: { type: string } & Record<string, unknown> };

export interface LiveBus {
  publish(event: LiveEvent): Promise<void>;
  onEvent(handler: (event: LiveEvent) => void): void;
  close(): Promise<void>;
}

export class MemoryLiveBus implements LiveBus {
  private readonly emitter = new EventEmitter();
  async publish(event: LiveEvent) {
    setImmediate(() => this.emitter.emit('event', event));
  }
  onEvent(handler: (event: LiveEvent) => void) {
    this.emitter.on('event', handler);
  }
  async close() {
    this.emitter.removeAllListeners();
  }
}

export class RedisLiveBus implements LiveBus {
  private readonly subscriber: Redis;
  private readonly handlers: ((event: LiveEvent) => void)[] = [];

  constructor(private readonly publisher: Redis, private readonly channel: string, onError: (err: Error) => void) {
    // A subscribed connection can do nothing else: a second one, queueing until it is connected.
    this.subscriber = publisher.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', () => undefined);
    this.subscriber.subscribe(channel).catch(onError);
    this.subscriber.on('message', (ch, text) => {
      if (ch !== channel) return;
      let event: LiveEvent;
      try {
        event = JSON.parse(text);
      } catch {
        return;
      }
      for (const h of this.handlers) h(event);
    });
  }

  async publish(event: LiveEvent) {
    await this.publisher.publish(this.channel, JSON.stringify(event));
  }
  onEvent(handler: (event: LiveEvent) => void) {
    this.handlers.push(handler);
  }
  /** Resolves once the subscription is active (tests and the bench wait for it). */
  ready(): Promise<void> {
    return new Promise((resolve) => {
      if ((this.subscriber as any).condition?.subscriber) return resolve();
      this.subscriber.once('ready', () => setTimeout(resolve, 50));
    });
  }
  async close() {
    this.subscriber.disconnect();
  }
}
