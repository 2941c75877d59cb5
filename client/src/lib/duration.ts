const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Formats a duration in seconds the way people say it: "45 s", "3 min 20 s", "2 h 5 min",
 * "1 d 3 h". Two units at most; the smaller one is dropped when it is zero.
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  if (seconds <= 0) return '0 s';
  if (seconds < 1) return '< 1 s';
  const total = Math.floor(seconds);
  if (total < MINUTE) return `${total} s`;
  if (total < HOUR) return pair(Math.floor(total / MINUTE), 'min', total % MINUTE, 's');
  if (total < DAY) return pair(Math.floor(total / HOUR), 'h', Math.floor((total % HOUR) / MINUTE), 'min');
  return pair(Math.floor(total / DAY), 'd', Math.floor((total % DAY) / HOUR), 'h');
}

function pair(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor > 0 ? `${major} ${majorUnit} ${minor} ${minorUnit}` : `${major} ${majorUnit}`;
}

/** Seconds elapsed from an ISO instant to `now` (ms), never negative. */
export function secondsSince(iso: string, now: number): number {
  const start = Date.parse(iso);
  if (Number.isNaN(start)) return 0;
  return Math.max(0, (now - start) / 1000);
}
