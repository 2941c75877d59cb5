import { EventEmitter, on } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

export interface Topics {
  /** A conversation changed (message, status, assignment, tags, close): its database id. */
  conversationUpdated: { conversationId: number };
  messageAdded: { conversationId: number; messageId: number };
  liveOverviewChanged: Record<string, never>;
}

export interface PubSub {
  publish<T extends keyof Topics>(topic: T, payload: Topics[T]): void;
  subscribe<T extends keyof Topics>(topic: T, signal?: AbortSignal): AsyncIterable<Topics[T]>;
  close(): Promise<void>;
}

/**
 * In-process fan-out; with `redisUrl`, every instance publishes to Redis and delivers what
 * Redis sends back, so subscribers on any instance see every change.
 */
export function createPubSub(options: { redisUrl?: string; logger: Logger }): PubSub {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const channel = 'radar:events';
  let publisher: Redis | undefined;
  let subscriber: Redis | undefined;
  if (options.redisUrl) {
    publisher = new Redis(options.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
    subscriber = publisher.duplicate();
    void subscriber.subscribe(channel);
    subscriber.on('message', (_channel, message: string) => {
      const { topic, payload } = JSON.parse(message) as { topic: string; payload: unknown };
      local.emit(topic, payload);
    });
    for (const client of [publisher, subscriber]) {
      client.on('error', (error) => options.logger.warn({ err: error }, 'redis pubsub error'));
    }
  }
  return {
    publish(topic, payload) {
      if (publisher) void publisher.publish(channel, JSON.stringify({ topic, payload }));
      else local.emit(topic, payload);
    },
    async *subscribe(topic, signal) {
      for await (const [payload] of on(local, topic, { signal })) yield payload;
    },
    async close() {
      local.removeAllListeners();
      await Promise.all([publisher?.quit(), subscriber?.quit()]);
    },
  };
}
