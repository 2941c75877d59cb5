import { useCallback, useState } from 'react';

export const DEFAULT_WAIT_ALERT_SECONDS = 5 * 60;
export const WAIT_ALERT_OPTIONS = [2 * 60, 5 * 60, 10 * 60, 15 * 60, 30 * 60];
const STORAGE_KEY = 'radar.waitAlertSeconds';

interface Waitable {
  id: string;
  waitingSince?: string | null;
  lastActivityAt: string;
}

/**
 * Longest wait first (waitingSince ascending); conversations nobody is waiting on go last,
 * most recent activity first.
 */
export function compareByWait(a: Waitable, b: Waitable): number {
  const wa = a.waitingSince ? Date.parse(a.waitingSince) : null;
  const wb = b.waitingSince ? Date.parse(b.waitingSince) : null;
  if (wa != null && wb != null && wa !== wb) return wa - wb;
  if (wa != null && wb == null) return -1;
  if (wa == null && wb != null) return 1;
  const activity = Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt);
  return activity !== 0 ? activity : a.id.localeCompare(b.id);
}

function readThreshold(): number {
  try {
    const stored = Number(localStorage.getItem(STORAGE_KEY));
    return Number.isFinite(stored) && stored > 0 ? stored : DEFAULT_WAIT_ALERT_SECONDS;
  } catch {
    return DEFAULT_WAIT_ALERT_SECONDS;
  }
}

/** The wait (seconds) above which a conversation stands out; remembered per browser. */
export function useWaitAlertThreshold(): [number, (seconds: number) => void] {
  const [threshold, setThreshold] = useState(readThreshold);
  const update = useCallback((seconds: number) => {
    setThreshold(seconds);
    try {
      localStorage.setItem(STORAGE_KEY, String(seconds));
    } catch {
      // Not persisted.
    }
  }, []);
  return [threshold, update];
}
