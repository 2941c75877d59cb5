import type { SenderKind } from './facts.js';

// Everything Radar reports about a conversation is derived here from its whole stored history,
// so the result cannot depend on the order in which webhooks arrived or on duplicates.

export interface TimelineMessage {
  key: string;
  sentAt: Date;
  sender: SenderKind;
  isNote: boolean;
  agentId: string | null;
}

export interface AssigneeObservation {
  /** EventDate of the snapshot. */
  at: Date;
  /** The assignee that snapshot shows. */
  agentId: string | null;
}

export interface TimelineInput {
  /** Deduplicated by message id. */
  messages: TimelineMessage[];
  /** One per snapshot that says who is assigned; duplicates are harmless. */
  assignees: AssigneeObservation[];
  /** Every `ClosedAtUTC` seen; duplicates are harmless. */
  closes: { at: Date }[];
  /** From the newest snapshot by EventDate. */
  current: { open: boolean; assigneeId: string | null; botActive: boolean; internal: boolean };
}

export type ConversationStatus = 'BOT' | 'QUEUED' | 'WAITING' | 'IN_PROGRESS' | 'CLOSED';
export type SampleKind =
  | 'RESPONSE'
  | 'FIRST_RESPONSE'
  | 'RESOLUTION'
  /** From a cycle's first customer message, nobody assigned, until an agent became its assignee. */
  | 'QUEUE'
  /** The part of a first response after the queue: from the assignment (or the wait) to the reply. */
  | 'FIRST_RESPONSE_AFTER_ASSIGNMENT';

export interface Cycle {
  index: number;
  startedAt: Date;
  closedAt: Date | null;
  /** Assignee when the cycle was closed. */
  resolvedById: string | null;
}

export interface Sample {
  kind: SampleKind;
  cycleIndex: number;
  agentId: string | null;
  startedAt: Date;
  endedAt: Date;
  seconds: number;
  /** A RESPONSE that is also its cycle's first response (judged by the first-response target). */
  firstInCycle?: boolean;
}

export interface AssignmentChange {
  at: Date;
  fromAgentId: string | null;
  toAgentId: string | null;
  /** Directly from one agent to another. */
  isTransfer: boolean;
}

export interface DerivedMessage {
  cycleIndex: number | null;
  /** Seconds since the customer started waiting, on agent replies that answer a waiting customer. */
  responseTime: number | null;
}

export interface Derived {
  cycles: Cycle[];
  messages: Map<string, DerivedMessage>;
  samples: Sample[];
  assignmentChanges: AssignmentChange[];
  status: ConversationStatus;
  waitingSince: Date | null;
  /** Start of the latest cycle. */
  openedAt: Date | null;
  lastMessageAt: Date | null;
  /** Starts of the cycles that follow a close. */
  reopens: Date[];
}

/**
 * Where the chronological pass over a conversation's facts stands: enough to go on with facts
 * later than `frontier` without reading the earlier ones again. Plain JSON, so it can be stored.
 */
export interface TimelineState {
  /** A state of another version is not folded onto: the conversation is derived again. */
  version: number;
  internal: boolean;
  /** Time (ms) of the latest fact folded in: message, close or assignee observation. */
  frontier: number;
  lastCycle: { index: number; startedAt: string; closedAt: string | null } | null;
  waitingSince: string | null;
  answered: boolean;
  assignee: string | null;
  lastAssignmentAt: string | null;
  lastMessage: { key: string; at: string } | null;
  /** The latest cycle had a customer message. */
  customerSeen: boolean;
  /** The latest cycle's queue: its first customer message came while nobody was assigned. */
  queue: { since: string; endedAt: string | null } | null;
}

/** Bumped whenever the fold derives something new: stored states of older versions are re-derived. */
export const TIMELINE_VERSION = 2;

export interface TimelineFacts {
  messages: TimelineMessage[];
  assignees: AssigneeObservation[];
  closes: { at: Date }[];
}

export interface Folded {
  state: TimelineState;
  /** Cycles these facts started or closed. */
  cycles: Cycle[];
  /** The derived fields of the messages folded in. */
  messages: Map<string, DerivedMessage>;
  /** Samples these facts completed. */
  samples: Sample[];
  assignmentChanges: AssignmentChange[];
}

export function initialTimelineState(internal: boolean): TimelineState {
  return {
    version: TIMELINE_VERSION,
    internal,
    // Finite, so that the state survives JSON.
    frontier: Number.MIN_SAFE_INTEGER,
    lastCycle: null,
    waitingSince: null,
    answered: false,
    assignee: null,
    lastAssignmentAt: null,
    lastMessage: null,
    customerSeen: false,
    queue: null,
  };
}

type Entry =
  | { rank: 0; at: Date; message: TimelineMessage }
  | { rank: 1; at: Date; observation: AssigneeObservation }
  | { rank: 2; at: Date };

/**
 * Messages, assignee observations and closes in time order. At one instant a message comes
 * first (Umbler stamps the close after the last message it saw), then the assignee, then the
 * close, which is credited to the assignee of that instant.
 */
function entriesOf(facts: TimelineFacts): Entry[] {
  const entries: Entry[] = [
    ...dedupeMessages(facts.messages).map((message) => ({ rank: 0 as const, at: message.sentAt, message })),
    ...[...facts.assignees]
      .sort((a, b) => a.at.getTime() - b.at.getTime() || compareText(a.agentId ?? '', b.agentId ?? ''))
      .map((observation) => ({ rank: 1 as const, at: observation.at, observation })),
    ...uniqueTimes(facts.closes.map((close) => close.at)).map((at) => ({ rank: 2 as const, at })),
  ];
  // Stable: messages keep their (time, key) order, observations theirs.
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.rank - b.rank);
}

/**
 * Folds facts into a conversation's timeline. From the initial state over all facts it derives
 * the whole conversation; from a stored state over facts all later than its frontier it gives
 * exactly what the whole derivation would add, so an event at the end of a long conversation
 * costs what it costs in a short one.
 */
export function foldTimeline(start: TimelineState, facts: TimelineFacts): Folded {
  const state: TimelineState = structuredClone(start);
  const cycles = new Map<number, Cycle>();
  const derivedMessages = new Map<string, DerivedMessage>();
  const samples: Sample[] = [];
  const assignmentChanges: AssignmentChange[] = [];
  let cycle: Cycle | null =
    state.lastCycle && !state.lastCycle.closedAt
      ? {
          index: state.lastCycle.index,
          startedAt: new Date(state.lastCycle.startedAt),
          closedAt: null,
          resolvedById: null,
        }
      : null;
  let waitingSince = state.waitingSince ? new Date(state.waitingSince) : null;
  let cycleCount = state.lastCycle ? state.lastCycle.index + 1 : 0;

  for (const entry of entriesOf(facts)) {
    state.frontier = Math.max(state.frontier, entry.at.getTime());
    if (entry.rank === 0) {
      const message = entry.message;
      state.lastMessage = { key: message.key, at: message.sentAt.toISOString() };
      if (state.internal) {
        derivedMessages.set(message.key, { cycleIndex: null, responseTime: null });
        continue;
      }
      if (message.isNote) {
        derivedMessages.set(message.key, { cycleIndex: cycle?.index ?? null, responseTime: null });
        continue;
      }
      if (!cycle) {
        cycle = { index: cycleCount++, startedAt: message.sentAt, closedAt: null, resolvedById: null };
        cycles.set(cycle.index, cycle);
        waitingSince = null;
        state.answered = false;
        state.customerSeen = false;
        state.queue = null;
      }
      let responseTime: number | null = null;
      if (message.sender === 'CUSTOMER') {
        waitingSince ??= message.sentAt;
        if (!state.customerSeen && state.assignee === null) {
          state.queue = { since: message.sentAt.toISOString(), endedAt: null };
        }
        state.customerSeen = true;
      } else if (message.sender === 'AGENT') {
        if (waitingSince) {
          responseTime = secondsBetween(waitingSince, message.sentAt);
          const sample = {
            cycleIndex: cycle.index,
            agentId: message.agentId,
            startedAt: waitingSince,
            endedAt: message.sentAt,
            seconds: responseTime,
          };
          const first = !state.answered;
          samples.push({ kind: 'RESPONSE', ...sample, firstInCycle: first });
          if (first) {
            samples.push({ kind: 'FIRST_RESPONSE', ...sample });
            // First response minus queue time, never below 0: a reply while still queued gives 0.
            const queueEnd = state.queue ? new Date(state.queue.endedAt ?? message.sentAt) : waitingSince;
            const from = new Date(
              Math.min(Math.max(queueEnd.getTime(), waitingSince.getTime()), message.sentAt.getTime()),
            );
            samples.push({
              ...sample,
              kind: 'FIRST_RESPONSE_AFTER_ASSIGNMENT',
              startedAt: from,
              seconds: secondsBetween(from, message.sentAt),
            });
          }
        }
        state.answered = true;
        waitingSince = null;
      }
      derivedMessages.set(message.key, { cycleIndex: cycle.index, responseTime });
    } else if (entry.rank === 1) {
      if (state.internal) continue;
      const { at, agentId } = entry.observation;
      if (agentId === state.assignee) continue;
      assignmentChanges.push({
        at,
        fromAgentId: state.assignee,
        toAgentId: agentId,
        isTransfer: state.assignee !== null && agentId !== null,
      });
      state.assignee = agentId;
      state.lastAssignmentAt = at.toISOString();
      if (cycle && agentId !== null && state.queue && !state.queue.endedAt) {
        const since = new Date(state.queue.since);
        // The snapshot of the first customer message itself shows the agent: it was assigned at
        // that message (a message sorts before the assignee of its instant), so it never queued.
        if (at.getTime() === since.getTime()) {
          state.queue = null;
          continue;
        }
        state.queue.endedAt = at.toISOString();
        samples.push({
          kind: 'QUEUE',
          cycleIndex: cycle.index,
          agentId: null,
          startedAt: since,
          endedAt: at,
          seconds: secondsBetween(since, at),
        });
      }
    } else if (cycle && !state.internal) {
      cycle.closedAt = entry.at;
      cycle.resolvedById = state.assignee;
      cycles.set(cycle.index, cycle);
      samples.push({
        kind: 'RESOLUTION',
        cycleIndex: cycle.index,
        agentId: cycle.resolvedById,
        startedAt: cycle.startedAt,
        endedAt: cycle.closedAt,
        seconds: secondsBetween(cycle.startedAt, cycle.closedAt),
      });
      cycle = null;
    }
  }

  const last = [...cycles.values()].at(-1);
  if (last) {
    state.lastCycle = {
      index: last.index,
      startedAt: last.startedAt.toISOString(),
      closedAt: last.closedAt?.toISOString() ?? null,
    };
  }
  state.waitingSince = waitingSince?.toISOString() ?? null;
  return { state, cycles: [...cycles.values()], messages: derivedMessages, samples, assignmentChanges };
}

/** What the live view shows of a conversation, from its timeline state and current snapshot. */
export function liveStateOf(state: TimelineState, current: TimelineInput['current']) {
  const latest = state.lastCycle;
  const waiting =
    current.open && latest && !latest.closedAt && state.waitingSince ? new Date(state.waitingSince) : null;
  const date = (iso: string | null | undefined) => (iso ? new Date(iso) : null);
  return {
    status: statusOf(current, waiting),
    waitingSince: waiting,
    openedAt: date(latest?.startedAt),
    lastMessageAt: date(state.lastMessage?.at),
    lastCloseAt: date(latest?.closedAt),
    lastAssignmentAt: date(state.lastAssignmentAt),
  };
}

export function deriveConversation(input: TimelineInput): Derived {
  const folded = foldTimeline(initialTimelineState(input.current.internal), input);
  const live = liveStateOf(folded.state, input.current);
  return {
    cycles: folded.cycles,
    messages: folded.messages,
    samples: folded.samples,
    assignmentChanges: folded.assignmentChanges,
    status: live.status,
    waitingSince: live.waitingSince,
    openedAt: live.openedAt,
    lastMessageAt: live.lastMessageAt,
    reopens: folded.cycles.slice(1).map((c) => c.startedAt),
  };
}

function statusOf(current: TimelineInput['current'], waitingSince: Date | null): ConversationStatus {
  if (!current.open) return 'CLOSED';
  if (current.assigneeId === null) return current.botActive ? 'BOT' : 'QUEUED';
  return waitingSince ? 'WAITING' : 'IN_PROGRESS';
}

/**
 * Sorted by time; the key breaks ties so that equal inputs always give equal results (shorter
 * keys first, so numeric keys such as database ids sort as numbers).
 */
function dedupeMessages(messages: TimelineMessage[]): TimelineMessage[] {
  const byKey = new Map(messages.map((m) => [m.key, m]));
  return [...byKey.values()].sort(
    (a, b) =>
      a.sentAt.getTime() - b.sentAt.getTime() || a.key.length - b.key.length || compareText(a.key, b.key),
  );
}

function uniqueTimes(times: Date[]): Date[] {
  return [...new Set(times.map((t) => t.getTime()))].sort((a, b) => a - b).map((t) => new Date(t));
}

/**
 * Replays the assignee each snapshot shows, in EventDate order: a change is recorded at the first
 * snapshot that shows the new assignee. A conversation starts with nobody assigned.
 */
export function deriveAssignmentChanges(observations: AssigneeObservation[]): AssignmentChange[] {
  const sorted = [...observations].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || compareText(a.agentId ?? '', b.agentId ?? ''),
  );
  const changes: AssignmentChange[] = [];
  let assignee: string | null = null;
  for (const { at, agentId } of sorted) {
    if (agentId === assignee) continue;
    changes.push({
      at,
      fromAgentId: assignee,
      toAgentId: agentId,
      isTransfer: assignee !== null && agentId !== null,
    });
    assignee = agentId;
  }
  return changes;
}

/** The assignee at `time`, a change at exactly `time` included. */
export function assigneeAt(changes: AssignmentChange[], time: Date): string | null {
  let assignee: string | null = null;
  for (const change of changes) {
    if (change.at.getTime() > time.getTime()) break;
    assignee = change.toAgentId;
  }
  return assignee;
}

function secondsBetween(start: Date, end: Date): number {
  return (end.getTime() - start.getTime()) / 1000;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
