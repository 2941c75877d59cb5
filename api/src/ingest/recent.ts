import type { ConversationEventFact } from '../domain/facts.js';

/**
 * Facts the receiver has just parsed, by inbox id, for the processor of the same process: a
 * body stored here and taken here is parsed once, and its raw bytes are not read back from the
 * database. What is not here (another instance's deliveries, a restart, the spool, a replay)
 * is parsed from the stored body, to the same fact. Bounded: when full, new facts are not kept
 * (the processor takes the oldest first: far behind, it would never reach the newest, and holding
 * them only burdens the garbage collector). Measured on a burst: parsing a body is ~65 µs, and
 * reading it back with its batch about as much.
 */
export interface RecentFacts {
  remember(inboxId: number, fact: ConversationEventFact): void;
  /** The fact stored under this id, forgotten as it is taken. */
  take(inboxId: number): ConversationEventFact | undefined;
  readonly size: number;
}

export function recentFacts(limit = 5_000): RecentFacts {
  const facts = new Map<number, ConversationEventFact>();
  return {
    remember(inboxId, fact) {
      if (facts.size < limit) facts.set(inboxId, fact);
    },
    take(inboxId) {
      const fact = facts.get(inboxId);
      facts.delete(inboxId);
      return fact;
    },
    get size() {
      return facts.size;
    },
  };
}
