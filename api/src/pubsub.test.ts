import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { coalesce, createPubSub, type PubSub } from './pubsub.js';

const logger = createLogger('silent');

async function firstOf<T>(iterable: AsyncIterable<T>): Promise<T> {
  for await (const value of iterable) return value;
  throw new Error('ended without a value');
}

async function deliversAcross(publisher: PubSub, subscriber: PubSub) {
  const received = firstOf(subscriber.subscribe('conversationUpdated'));
  await new Promise((resolve) => setTimeout(resolve, 100));
  publisher.publish('conversationUpdated', { conversationId: 42 });
  return received;
}

describe('pubsub', () => {
  it('delivers in-process to every subscriber', async () => {
    const pubsub = createPubSub({ logger });
    const a = firstOf(pubsub.subscribe('messageAdded'));
    const b = firstOf(pubsub.subscribe('messageAdded'));
    pubsub.publish('messageAdded', { conversationId: 1, messageId: 2 });
    expect(await Promise.all([a, b])).toEqual([
      { conversationId: 1, messageId: 2 },
      { conversationId: 1, messageId: 2 },
    ]);
    await pubsub.close();
  });

  it.runIf(process.env.TEST_REDIS_URL)('fans out between instances through Redis', async () => {
    const redisUrl = process.env.TEST_REDIS_URL as string;
    const one = createPubSub({ logger, redisUrl });
    const two = createPubSub({ logger, redisUrl });
    try {
      expect(await deliversAcross(one, two)).toEqual({ conversationId: 42 });
      expect(await deliversAcross(two, one)).toEqual({ conversationId: 42 });
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});

describe('coalesce', () => {
  it('signals a lone change at once, and a burst once more at the end of its window', async () => {
    const pubsub = createPubSub({ logger });
    const signals = coalesce(pubsub.subscribe('liveOverviewChanged'), 50)[Symbol.asyncIterator]();
    const first = signals.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    for (let i = 0; i < 20; i++) pubsub.publish('liveOverviewChanged', {});
    expect(await first).toEqual({ done: false, value: undefined });
    expect(Date.now() - started).toBeLessThan(20);
    // The other 19: one signal, once the window since the first has passed.
    expect(await signals.next()).toEqual({ done: false, value: undefined });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    const third = signals.next();
    let resolved = false;
    void third.then(() => (resolved = true));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(resolved).toBe(false);
    const later = Date.now();
    pubsub.publish('liveOverviewChanged', {});
    expect(await third).toEqual({ done: false, value: undefined });
    expect(Date.now() - later).toBeLessThan(20);
    await signals.return?.(undefined);
    await pubsub.close();
  });
});
