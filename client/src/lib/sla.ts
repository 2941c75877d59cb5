import { useCallback, useEffect, useRef, useState } from 'react';

// Live service levels in the dashboard: states follow from the due times the server computed
// (atRiskAt, dueAt), so a countdown ticks and a state turns without asking the server each second.

export type SlaState = 'OK' | 'AT_RISK' | 'BREACHED';
export type SlaKind = 'FIRST_RESPONSE' | 'NEXT_RESPONSE' | 'RESOLUTION';

export interface LiveSla {
  kind: SlaKind;
  atRiskAt?: string | null;
  dueAt?: string | null;
}

export const SLA_KIND_LABELS: Record<SlaKind, string> = {
  FIRST_RESPONSE: '1ª resposta',
  NEXT_RESPONSE: 'Resposta',
  RESOLUTION: 'Resolução',
};

export const SLA_STATE_LABELS: Record<SlaState, string> = {
  OK: 'No prazo',
  AT_RISK: 'Em risco',
  BREACHED: 'Estourado',
};

export function slaStateAt(sla: LiveSla, now: number): SlaState {
  if (sla.dueAt && now >= Date.parse(sla.dueAt)) return 'BREACHED';
  if (sla.atRiskAt && now >= Date.parse(sla.atRiskAt)) return 'AT_RISK';
  return 'OK';
}

const RANK: Record<SlaState, number> = { BREACHED: 0, AT_RISK: 1, OK: 2 };

/** The most urgent target of a conversation: breached before at risk, the earliest due first. */
export function mostUrgent<T extends LiveSla>(slas: readonly T[] | null | undefined, now: number) {
  let best: { sla: T; state: SlaState } | null = null;
  for (const sla of slas ?? []) {
    const state = slaStateAt(sla, now);
    const due = sla.dueAt ? Date.parse(sla.dueAt) : Number.POSITIVE_INFINITY;
    const bestDue = best?.sla.dueAt ? Date.parse(best.sla.dueAt) : Number.POSITIVE_INFINITY;
    if (!best || RANK[state] < RANK[best.state] || (RANK[state] === RANK[best.state] && due < bestDue)) {
      best = { sla, state };
    }
  }
  return best;
}

/** Breached first, then at risk (earliest due first); the rest keeps `fallback`'s order. */
export function compareByUrgency<T extends { sla?: readonly LiveSla[] | null }>(
  now: number,
  fallback: (a: T, b: T) => number,
): (a: T, b: T) => number {
  return (a, b) => {
    const ua = mostUrgent(a.sla, now);
    const ub = mostUrgent(b.sla, now);
    const ra = ua ? RANK[ua.state] : RANK.OK;
    const rb = ub ? RANK[ub.state] : RANK.OK;
    if (ra !== rb) return ra - rb;
    if (ra < RANK.OK && ua && ub) {
      const da = ua.sla.dueAt ? Date.parse(ua.sla.dueAt) : Number.POSITIVE_INFINITY;
      const db = ub.sla.dueAt ? Date.parse(ub.sla.dueAt) : Number.POSITIVE_INFINITY;
      if (da !== db) return da - db;
    }
    return fallback(a, b);
  };
}

const STORAGE_KEY = 'radar.slaAlerts';

/** "Avisar estouros" (sound and browser notification), opt-in and remembered per browser. */
export function useSlaAlertsOptIn(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => {
    try {
      return localStorage.getItem(STORAGE_KEY) === '1';
    } catch {
      return false;
    }
  });
  const update = useCallback((next: boolean) => {
    setOn(next);
    try {
      localStorage.setItem(STORAGE_KEY, next ? '1' : '0');
    } catch {
      // Not persisted.
    }
    if (next && typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission();
    }
  }, []);
  return [on, update];
}

/** A short two-tone chime with WebAudio (no file to load). */
export function useChime(): () => void {
  const context = useRef<AudioContext | null>(null);
  useEffect(() => () => void context.current?.close(), []);
  return useCallback(() => {
    try {
      context.current ??= new AudioContext();
      const audio = context.current;
      for (const [index, frequency] of [880, 660].entries()) {
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        const start = audio.currentTime + index * 0.18;
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.15, start);
        gain.gain.exponentialRampToValueAtTime(0.001, start + 0.16);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(start);
        oscillator.stop(start + 0.17);
      }
    } catch {
      // No audio in this browser.
    }
  }, []);
}

/** Seconds until `iso` from `now` (negative once past). */
export const secondsUntil = (iso: string, now: number) => (Date.parse(iso) - now) / 1000;
