import { EventEmitter, on } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

export interface Topics {
  /** A conversation changed (message, status, assignment, tags, close): its database id. */
  conversationUpdated: { conversationId: number };
  messageAdded: { conversationId: number; messageId: number };
  liveOverviewChanged: Record<string, never>;
  /** An access token was revoked or changed: open WebSockets check their token again. */
  accessTokenChanged: { tokenId: number };
  /** An SLA policy, a schedule or a holiday changed: live service levels are computed again. */
  serviceLevelsChanged: Record<string, never>;
}

export interface PubSub {
  publish<T extends keyof Topics>(topic: T, payload: Topics[T]): void;
  /** To this instance's subscribers only: for what every instance computes by itself. */
  publishLocal<T extends keyof Topics>(topic: T, payload: Topics[T]): void;
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
    publishLocal(topic, payload) {
      local.emit(topic, payload);
    },
    subscribe(topic, signal) {
      // A plain iterator over events.on: its return() ends a pending next() at once, where an
      // async generator would wait for one more event before it could stop.
      return {
        [Symbol.asyncIterator]() {
          const events = on(local, topic, { signal });
          return {
            async next() {
              const result = await events.next();
              return result.done ? { done: true, value: undefined } : { done: false, value: result.value[0] };
            },
            async return() {
              await events.return?.();
              return { done: true, value: undefined };
            },
          };
        },
      };
    },
    async close() {
      local.removeAllListeners();
      await Promise.all([publisher?.quit(), subscriber?.quit()]);
    },
  };
}

/**
 * At most one signal per `ms`: a change after a quiet moment signals at once; changes that follow
 * within `ms` of a signal are gathered into one more at the window's end. A storm of changes (a
 * replay, a busy minute) costs each subscriber one recomputation per window, and a lone change
 * costs no wait.
 */
export function coalesce(source: AsyncIterable<unknown>, ms: number): AsyncIterable<void> {
  return {
    [Symbol.asyncIterator]() {
      const iterator = source[Symbol.asyncIterator]();
      let pending: Promise<IteratorResult<unknown>> | null = null;
      let lastSignal = Number.NEGATIVE_INFINITY;
      const done = { done: true, value: undefined } as const;
      return {
        async next(): Promise<IteratorResult<void>> {
          const first = await (pending ?? iterator.next());
          pending = null;
          if (first.done) return done;
          const deadline = lastSignal + ms;
          for (let remaining = deadline - Date.now(); remaining > 0; remaining = deadline - Date.now()) {
            pending ??= iterator.next();
            const settled = await Promise.race([
              pending,
              new Promise<null>((resolve) => setTimeout(resolve, remaining, null)),
            ]);
            if (settled === null) break;
            pending = null;
            if (settled.done) return done;
          }
          lastSignal = Date.now();
          return { done: false, value: undefined };
        },
        async return(): Promise<IteratorResult<void>> {
          await iterator.return?.();
          return done;
        },
      };
    },
  };
}
