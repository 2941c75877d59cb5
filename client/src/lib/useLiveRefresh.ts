import { useEffect, useRef, useState } from 'react';
import { type UseQueryExecute, useSubscription } from 'urql';
import { conversationUpdatedSubscription } from '../components/LiveUpdates';

/** At most one refresh this often, however many changes land. */
export const LIVE_REFRESH_MS = 30_000;
/** A change waits this long before its refresh, so that a burst's changes come in one. */
const SETTLE_MS = 3_000;

/**
 * A counter that goes up when new data has landed (a `conversationUpdated` push), throttled to
 * one step per `LIVE_REFRESH_MS`: pages of figures over a period pass it to `useRefetchOn` and
 * update themselves, with no reload and no request per change.
 */
export function useLiveRefresh(enabled: boolean, intervalMs = LIVE_REFRESH_MS): number {
  const [tick, setTick] = useState(0);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useSubscription({ query: conversationUpdatedSubscription, pause: !enabled }, (_previous, data) => {
    if (timer.current === undefined) {
      const wait = Math.max(SETTLE_MS, last.current + intervalMs - Date.now());
      timer.current = setTimeout(() => {
        timer.current = undefined;
        last.current = Date.now();
        setTick((value) => value + 1);
      }, wait);
    }
    return data;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return tick;
}

/** Runs the query again from the network each time `tick` goes up (the data shown stays meanwhile). */
export function useRefetchOn(tick: number, reexecute: UseQueryExecute) {
  const first = useRef(tick);
  useEffect(() => {
    if (tick !== first.current) reexecute({ requestPolicy: 'network-only' });
  }, [tick, reexecute]);
}
