import { EventEmitter, on } from 'node:events';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { loadRules, type Rules, scheduleFor } from './db/schedules.js';
import { policyAt } from './db/sla.js';
import {
  clockOf,
  nextCrossing,
  runningTargets,
  type SlaClock,
  type SlaKind,
  type SlaState,
  type SlaSubject,
  stateAt,
} from './domain/sla.js';
import type { Logger } from './logger.js';
import type { PubSub } from './pubsub.js';

/** A target of a conversation crossed a threshold, or stopped applying (state OK: cleared). */
export interface SlaAlert {
  conversationId: number;
  kind: SlaKind;
  state: SlaState;
  dueAt: Date | null;
  at: Date;
}

/** The live service levels of an open conversation, as the monitor sees them. */
export interface SubjectRow extends SlaSubject {
  id: number;
  sectorId: number | null;
}

export interface SlaMonitor {
  /** The running targets of a conversation at `now`, with their states. */
  clocksFor(row: SubjectRow, now?: number): Promise<(SlaClock & { state: SlaState })[]>;
  /** Open conversations with a target at risk (none breached), and with one breached. */
  counts(): Promise<{ atRisk: number; breached: number }>;
  /**
   * Open conversations with a target breached, the longest overdue first, then those with one at
   * risk, the soonest due first: the head of the live list.
   */
  threatened(): Promise<number[]>;
  /** Alerts as they happen, preceded by every target now at risk or breached. */
  alerts(signal?: AbortSignal): AsyncIterable<SlaAlert>;
  close(): void;
}

function alertOf(
  conversationId: number,
  kind: SlaKind,
  state: SlaState,
  clock: SlaClock | undefined,
): SlaAlert {
  return {
    conversationId,
    kind,
    state,
    dueAt: clock?.dueAt == null ? null : new Date(clock.dueAt),
    at: new Date(),
  };
}

/**
 * What the clocks of an open conversation start from, out of its row: the timeline state says
 * whether its latest cycle was answered or closed; a closed cycle runs no resolution clock.
 */
export function subjectOf(row: {
  id: number;
  sectorId: number | null;
  waitingSince: Date | null;
  openedAt: Date | null;
  answered: boolean | null | undefined;
  cycleClosed: boolean | null | undefined;
}): SubjectRow {
  return {
    id: row.id,
    sectorId: row.sectorId,
    open: true,
    answered: row.answered ?? false,
    waitingSince: row.waitingSince,
    cycleStartedAt: row.cycleClosed ? null : row.openedAt,
  };
}

/** Longest single wait of a timer (setTimeout's limit is ~24.8 days); the crossing is recomputed after it. */
const MAX_TIMER_MS = 6 * 3_600_000;
/** Conversation changes gathered into one read. */
const REFRESH_GATHER_MS = 5;

interface Entry {
  row: SubjectRow;
  clocks: SlaClock[];
  states: Map<SlaKind, SlaState>;
  timer: NodeJS.Timeout | null;
}

/**
 * Keeps, for every open conversation, the instants at which its targets cross 75 % and 100 %,
 * with one timer on the next crossing: an alert is pushed when it happens, not found by polling.
 * Each instance has its own (its subscribers' alerts come from it); changes reach it through the
 * shared `conversationUpdated` topic, policies and schedules through `serviceLevelsChanged`.
 */
export function createSlaMonitor(deps: {
  db: Database;
  pubsub: PubSub;
  logger: Logger;
  config: Pick<Config, 'timeZone'>;
}): SlaMonitor {
  const { db, pubsub, logger } = deps;
  const entries = new Map<number, Entry>();
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const stop = new AbortController();
  let rules: Rules | null = null;
  let started: Promise<void> | null = null;

  const reloadRules = async () => {
    rules = await loadRules(db.prisma, deps.config.timeZone);
  };

  function clocksOf(row: SubjectRow): SlaClock[] {
    if (!rules) return [];
    const schedule = scheduleFor(rules.schedules, row.sectorId);
    const clocks: SlaClock[] = [];
    for (const { kind, startedAt } of runningTargets(row)) {
      const policy = policyAt(rules.policies, row.sectorId, startedAt.getTime());
      const clock = policy ? clockOf(kind, startedAt, policy, schedule) : null;
      if (clock) clocks.push(clock);
    }
    return clocks;
  }

  function emit(conversationId: number, kind: SlaKind, state: SlaState, clock: SlaClock | undefined) {
    emitter.emit('alert', alertOf(conversationId, kind, state, clock));
  }

  /** Brings one conversation's states to `now`: alerts for what changed, a timer for what comes next. */
  function settle(entry: Entry, clocks: SlaClock[], quiet = false): boolean {
    const now = Date.now();
    let changed = false;
    const states = new Map<SlaKind, SlaState>();
    for (const clock of clocks) {
      const state = stateAt(clock, now);
      states.set(clock.kind, state);
      if ((entry.states.get(clock.kind) ?? 'OK') !== state) {
        changed = true;
        if (!quiet) emit(entry.row.id, clock.kind, state, clock);
      }
    }
    for (const [kind, state] of entry.states) {
      if (!states.has(kind) && state !== 'OK') {
        changed = true;
        if (!quiet) emit(entry.row.id, kind, 'OK', undefined);
      }
    }
    entry.clocks = clocks;
    entry.states = states;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    const next = Math.min(...clocks.map((clock) => nextCrossing(clock, now) ?? Number.POSITIVE_INFINITY));
    if (Number.isFinite(next)) {
      entry.timer = setTimeout(() => onTimer(entry), Math.min(MAX_TIMER_MS, Math.max(0, next - now)));
      entry.timer.unref();
    }
    return changed;
  }

  function onTimer(entry: Entry) {
    if (entries.get(entry.row.id) !== entry) return;
    // A timer may fire a moment early: settle again then reschedules it.
    if (settle(entry, entry.clocks)) pubsub.publishLocal('liveOverviewChanged', {});
  }

  function forget(id: number) {
    const entry = entries.get(id);
    if (!entry) return false;
    if (entry.timer) clearTimeout(entry.timer);
    entries.delete(id);
    let cleared = false;
    for (const [kind, state] of entry.states) {
      if (state !== 'OK') {
        cleared = true;
        emit(id, kind, 'OK', undefined);
      }
    }
    return cleared;
  }

  async function readSubjects(ids: number[] | null): Promise<SubjectRow[]> {
    const rows = await db.prisma.$queryRaw<
      {
        id: number;
        sector_id: number | null;
        waiting_since: Date | null;
        opened_at: Date | null;
        answered: boolean | null;
        cycle_closed: boolean | null;
      }[]
    >`
      SELECT id, sector_id, waiting_since, opened_at,
             (timeline_state->>'answered')::boolean AS answered,
             (timeline_state->'lastCycle'->>'closedAt') IS NOT NULL AS cycle_closed
      FROM conversations
      WHERE status <> 'CLOSED' AND NOT internal
        AND (${ids === null} OR id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids ?? [])}::jsonb)::int))`;
    return rows.map((row) =>
      subjectOf({
        id: row.id,
        sectorId: row.sector_id,
        waitingSince: row.waiting_since,
        openedAt: row.opened_at,
        answered: row.answered,
        cycleClosed: row.cycle_closed,
      }),
    );
  }

  /** Reads these conversations (all open ones when null) and settles each. */
  async function refresh(ids: number[] | null, quiet = false) {
    const rows = await readSubjects(ids);
    let changed = false;
    const seen = new Set<number>();
    for (const row of rows) {
      seen.add(row.id);
      let entry = entries.get(row.id);
      if (!entry) {
        entry = { row, clocks: [], states: new Map(), timer: null };
        entries.set(row.id, entry);
      }
      entry.row = row;
      if (settle(entry, clocksOf(row), quiet)) changed = true;
    }
    for (const id of ids ?? [...entries.keys()]) {
      if (!seen.has(id) && forget(id)) changed = true;
    }
    if (changed && !quiet) pubsub.publishLocal('liveOverviewChanged', {});
  }

  let pending = new Set<number>();
  let flushing = false;
  const flush = async () => {
    await new Promise((resolve) => setTimeout(resolve, REFRESH_GATHER_MS));
    while (pending.size > 0) {
      const ids = [...pending];
      pending = new Set();
      try {
        await refresh(ids);
      } catch (error) {
        logger.warn({ err: error }, 'service levels: conversations could not be read again');
        for (const id of ids) pending.add(id);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
    flushing = false;
  };

  async function follow<T>(
    topic: 'conversationUpdated' | 'serviceLevelsChanged',
    onEvent: (event: T) => void,
  ) {
    try {
      for await (const event of pubsub.subscribe(topic, stop.signal)) onEvent(event as T);
    } catch (error) {
      if (!stop.signal.aborted) logger.error({ err: error }, `service levels stopped following ${topic}`);
    }
  }

  const start = () => {
    started ??= (async () => {
      void follow<{ conversationId: number }>('conversationUpdated', ({ conversationId }) => {
        pending.add(conversationId);
        if (!flushing) {
          flushing = true;
          void flush();
        }
      });
      void follow('serviceLevelsChanged', () => {
        void reloadRules()
          .then(() => refresh(null))
          .catch((error) => logger.warn({ err: error }, 'service levels: policies could not be read again'));
      });
      await reloadRules();
      await refresh(null, true);
    })().catch((error) => {
      started = null;
      throw error;
    });
    return started;
  };

  return {
    async clocksFor(row, now = Date.now()) {
      await start();
      return clocksOf(row).map((clock) => ({ ...clock, state: stateAt(clock, now) }));
    },
    async counts() {
      await start();
      let atRisk = 0;
      let breached = 0;
      for (const entry of entries.values()) {
        const states = [...entry.states.values()];
        if (states.includes('BREACHED')) breached++;
        else if (states.includes('AT_RISK')) atRisk++;
      }
      return { atRisk, breached };
    },
    async threatened() {
      await start();
      const ranked: { id: number; severity: number; dueAt: number }[] = [];
      for (const entry of entries.values()) {
        const breached = entry.clocks.filter((clock) => entry.states.get(clock.kind) === 'BREACHED');
        const atRisk = entry.clocks.filter((clock) => entry.states.get(clock.kind) === 'AT_RISK');
        const worst = breached.length > 0 ? breached : atRisk;
        if (worst.length === 0) continue;
        ranked.push({
          id: entry.row.id,
          severity: breached.length > 0 ? 0 : 1,
          dueAt: Math.min(...worst.map((clock) => clock.dueAt ?? Number.POSITIVE_INFINITY)),
        });
      }
      ranked.sort((a, b) => a.severity - b.severity || a.dueAt - b.dueAt || a.id - b.id);
      return ranked.map((row) => row.id);
    },
    alerts(signal) {
      // A plain iterator (see pubsub.subscribe): its return() ends a pending next() at once.
      return {
        [Symbol.asyncIterator]() {
          const live = on(emitter, 'alert', { signal });
          let current: SlaAlert[] | null = null;
          return {
            async next(): Promise<IteratorResult<SlaAlert>> {
              if (current === null) {
                await start();
                current = [...entries.values()].flatMap((entry) =>
                  entry.clocks
                    .filter((clock) => (entry.states.get(clock.kind) ?? 'OK') !== 'OK')
                    .map((clock) =>
                      alertOf(entry.row.id, clock.kind, entry.states.get(clock.kind) ?? 'OK', clock),
                    ),
                );
              }
              const first = current.shift();
              if (first) return { done: false, value: first };
              const result = await live.next();
              return result.done ? { done: true, value: undefined } : { done: false, value: result.value[0] };
            },
            async return(): Promise<IteratorResult<SlaAlert>> {
              await live.return?.();
              return { done: true, value: undefined };
            },
          };
        },
      };
    },
    close() {
      stop.abort();
      for (const entry of entries.values()) if (entry.timer) clearTimeout(entry.timer);
      entries.clear();
      emitter.removeAllListeners();
    },
  };
}
