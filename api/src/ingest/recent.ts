import type { ConversationEventFact } from '../domain/facts.js';

/**
 * Facts the receiver has just parsed, by inbox id, for the processor of the same process: a
 * body stored here and taken here is parsed once, and its raw bytes are not read back from the
 * database. What is not here (another instance's deliveries, a restart, the spool, a replay)
 * is parsed from the stored body, to the same fact. Bounded in facts and in the size of their
 * bodies: when full, new facts are not kept (the processor takes the oldest first: far behind,
 * it would never reach the newest, and holding them only burdens the garbage collector).
 * Measured on a burst: parsing a body is ~65 µs, and reading it back with its batch about as much.
 */
export interface RecentFacts {
  /** `bytes`: the size of the body the fact was parsed from. */
  remember(inboxId: number, fact: ConversationEventFact, bytes: number): void;
  /** The fact stored under this id, forgotten as it is taken, with any under smaller ids. */
  take(inboxId: number): ConversationEventFact | undefined;
  readonly size: number;
}

export function recentFacts(limit = { facts: 5_000, bytes: 16 * 1024 * 1024 }): RecentFacts {
  const held = new Map<number, { fact: ConversationEventFact; bytes: number }>();
  let bytesHeld = 0;
  return {
    remember(inboxId, fact, bytes) {
      if (held.size >= limit.facts || bytesHeld + bytes > limit.bytes) return;
      held.set(inboxId, { fact, bytes });
      bytesHeld += bytes;
    },
    take(inboxId) {
      // The processor claims oldest first: a fact under a smaller id that it has not taken by now
      // went to another instance, or was replayed, and would hold its place until a restart.
      for (const [id, older] of held) {
        if (id >= inboxId) break;
        held.delete(id);
        bytesHeld -= older.bytes;
      }
      const entry = held.get(inboxId);
      if (!entry) return undefined;
      held.delete(inboxId);
      bytesHeld -= entry.bytes;
      return entry.fact;
    },
    get size() {
      return held.size;
    },
  };
}
