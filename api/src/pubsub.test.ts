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
  it('turns a burst of changes into one signal, and a later change into another', async () => {
    const pubsub = createPubSub({ logger });
    const signals = coalesce(pubsub.subscribe('liveOverviewChanged'), 50)[Symbol.asyncIterator]();
    const first = signals.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    for (let i = 0; i < 20; i++) pubsub.publish('liveOverviewChanged', {});
    expect(await first).toEqual({ done: false, value: undefined });
    const second = signals.next();
    let resolved = false;
    void second.then(() => (resolved = true));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(resolved).toBe(false);
    pubsub.publish('liveOverviewChanged', {});
    expect(await second).toEqual({ done: false, value: undefined });
    await signals.return?.(undefined);
    await pubsub.close();
  });
});
