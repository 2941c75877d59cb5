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
export type SampleKind = 'RESPONSE' | 'FIRST_RESPONSE' | 'RESOLUTION';

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

export function deriveConversation(input: TimelineInput): Derived {
  const messages = dedupeMessages(input.messages);
  const lastMessageAt = messages.at(-1)?.sentAt ?? null;

  if (input.current.internal) {
    return {
      cycles: [],
      messages: new Map(messages.map((m) => [m.key, { cycleIndex: null, responseTime: null }])),
      samples: [],
      assignmentChanges: [],
      status: statusOf(input.current, null),
      waitingSince: null,
      openedAt: null,
      lastMessageAt,
      reopens: [],
    };
  }

  const assignmentChanges = deriveAssignmentChanges(input.assignees);
  const closes = uniqueTimes(input.closes.map((close) => close.at));
  const cycles: Cycle[] = [];
  const derivedMessages = new Map<string, DerivedMessage>();
  const samples: Sample[] = [];

  let cycle: Cycle | null = null;
  let waitingSince: Date | null = null;
  let answered = false;

  for (const entry of chronological(messages, closes)) {
    if (entry instanceof Date) {
      if (cycle) cycle.closedAt = entry;
      cycle = null;
      continue;
    }
    const message = entry;
    if (message.isNote) {
      derivedMessages.set(message.key, { cycleIndex: cycle?.index ?? null, responseTime: null });
      continue;
    }
    if (!cycle) {
      cycle = {
        index: cycles.length,
        startedAt: message.sentAt,
        closedAt: null,
        resolvedById: null,
      };
      cycles.push(cycle);
      waitingSince = null;
      answered = false;
    }
    let responseTime: number | null = null;
    if (message.sender === 'CUSTOMER') {
      waitingSince ??= message.sentAt;
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
        samples.push({ kind: 'RESPONSE', ...sample });
        if (!answered) samples.push({ kind: 'FIRST_RESPONSE', ...sample });
      }
      answered = true;
      waitingSince = null;
    }
    derivedMessages.set(message.key, { cycleIndex: cycle.index, responseTime });
  }

  for (const closed of cycles) {
    if (!closed.closedAt) continue;
    closed.resolvedById = assigneeAt(assignmentChanges, closed.closedAt);
    samples.push({
      kind: 'RESOLUTION',
      cycleIndex: closed.index,
      agentId: closed.resolvedById,
      startedAt: closed.startedAt,
      endedAt: closed.closedAt,
      seconds: secondsBetween(closed.startedAt, closed.closedAt),
    });
  }

  const latest = cycles.at(-1) ?? null;
  const stillWaiting = input.current.open && latest && !latest.closedAt ? waitingSince : null;
  return {
    cycles,
    messages: derivedMessages,
    samples,
    assignmentChanges,
    status: statusOf(input.current, stillWaiting),
    waitingSince: stillWaiting,
    openedAt: latest?.startedAt ?? null,
    lastMessageAt,
    reopens: cycles.slice(1).map((c) => c.startedAt),
  };
}

function statusOf(current: TimelineInput['current'], waitingSince: Date | null): ConversationStatus {
  if (!current.open) return 'CLOSED';
  if (current.assigneeId === null) return current.botActive ? 'BOT' : 'QUEUED';
  return waitingSince ? 'WAITING' : 'IN_PROGRESS';
}

/** Sorted by time; the key breaks ties so that equal inputs always give equal results. */
function dedupeMessages(messages: TimelineMessage[]): TimelineMessage[] {
  const byKey = new Map(messages.map((m) => [m.key, m]));
  return [...byKey.values()].sort(
    (a, b) => a.sentAt.getTime() - b.sentAt.getTime() || compareText(a.key, b.key),
  );
}

function uniqueTimes(times: Date[]): Date[] {
  return [...new Set(times.map((t) => t.getTime()))].sort((a, b) => a - b).map((t) => new Date(t));
}

/**
 * Messages and closes in time order. A message at the very time of a close belongs to the cycle
 * being closed: Umbler stamps the close after the last message it saw.
 */
function chronological(messages: TimelineMessage[], closes: Date[]): (TimelineMessage | Date)[] {
  const time = (entry: TimelineMessage | Date) => (entry instanceof Date ? entry : entry.sentAt).getTime();
  const rank = (entry: TimelineMessage | Date) => (entry instanceof Date ? 1 : 0);
  return [...messages, ...closes].sort((a, b) => time(a) - time(b) || rank(a) - rank(b));
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
