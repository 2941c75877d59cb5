import { createContext, type ReactNode, useContext, useEffect, useRef, useSyncExternalStore } from 'react';

/** The real-time link's state, as the graphql-ws client reports it. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface ConnectionStore {
  getState(): ConnectionState;
  subscribe(listener: () => void): () => void;
}

export interface WritableConnectionStore extends ConnectionStore {
  set(state: ConnectionState): void;
}

export function createConnectionStore(initial: ConnectionState = 'connecting'): WritableConnectionStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
  };
}

const idleStore = createConnectionStore('offline');
const ConnectionContext = createContext<ConnectionStore>(idleStore);

export function ConnectionProvider({ store, children }: { store: ConnectionStore; children: ReactNode }) {
  return <ConnectionContext.Provider value={store}>{children}</ConnectionContext.Provider>;
}

export function useConnectionState(): ConnectionState {
  const store = useContext(ConnectionContext);
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  const online = useSyncExternalStore(subscribeOnline, getOnline, getOnline);
  return online ? state : 'offline';
}

/** Runs `callback` each time the link comes back after being lost, to catch up missed events. */
export function useOnReconnect(callback: () => void): void {
  const store = useContext(ConnectionContext);
  const latest = useRef(callback);
  latest.current = callback;
  useEffect(() => {
    let previous = store.getState();
    let lost = false;
    return store.subscribe(() => {
      const next = store.getState();
      if (previous === 'connected' && next !== 'connected') lost = true;
      if (next === 'connected' && lost) {
        lost = false;
        latest.current();
      }
      previous = next;
    });
  }, [store]);
}

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

function getOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}
