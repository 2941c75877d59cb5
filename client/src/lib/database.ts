import { useSyncExternalStore } from 'react';
import type { CombinedError } from 'urql';

/**
 * Since when the server has said its database is unavailable (`DATABASE_UNAVAILABLE`), or null.
 * Set by any GraphQL answer that says so, cleared by the next one that does not.
 */
let unavailableSince: Date | null = null;
const listeners = new Set<() => void>();

const notify = () => {
  for (const listener of [...listeners]) listener();
};

export const databaseStatus = {
  /** Reads one GraphQL answer's error (or its absence). */
  observe(error: CombinedError | undefined) {
    const down = error?.graphQLErrors.some((e) => e.extensions?.code === 'DATABASE_UNAVAILABLE') ?? false;
    if (down && !unavailableSince) {
      unavailableSince = new Date();
      notify();
    } else if (!down && !error && unavailableSince) {
      unavailableSince = null;
      notify();
    }
  },
  get: () => unavailableSince,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

export function useDatabaseUnavailableSince(): Date | null {
  return useSyncExternalStore(databaseStatus.subscribe, databaseStatus.get, databaseStatus.get);
}
