import type { ConversationEventFact, SenderKind } from '../src/domain/facts.js';
import {
  type Derived,
  deriveConversation,
  type TimelineInput,
  type TimelineMessage,
} from '../src/domain/timeline.js';

// Test support: what the database layer does with facts and samples, in memory. The aggregation
// mirrors the SQL (`percentile_cont`, periods as [from, to)) so both can be checked on the
// scenarios.

export interface DurationStats {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

export interface AgentMetrics {
  conversationsHandled: number;
  conversationsResolved: number;
  messagesSent: number;
  assignments: number;
  transfersIn: number;
  transfersOut: number;
  responseTime: DurationStats;
  firstResponseTime: DurationStats;
  resolutionTime: DurationStats;
}

export type MessageKind = 'customer' | 'agent' | 'bot' | 'note' | 'other';

export interface PeriodMetrics {
  from: Date;
  to: Date;
  agents: Record<string, AgentMetrics>;
  totals: {
    conversationsStarted: number;
    messages: Record<MessageKind, number>;
    responseTime: DurationStats;
    firstResponseTime: DurationStats;
    resolutionTime: DurationStats;
  };
}

export interface StoredConversation {
  externalId: string;
  input: TimelineInput;
  derived: Derived;
}

/** PostgreSQL's `percentile_cont` on sorted values: linear interpolation between neighbours. */
export function percentileCont(sorted: readonly number[], fraction: number): number {
  const position = fraction * (sorted.length - 1);
  const low = sorted[Math.floor(position)];
  const high = sorted[Math.ceil(position)];
  if (low === undefined || high === undefined) throw new RangeError('no values');
  return low + (high - low) * (position - Math.floor(position));
}

export function summarize(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0, mean: null, median: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    median: percentileCont(sorted, 0.5),
    p90: percentileCont(sorted, 0.9),
  };
}

interface Stamped<T> {
  at: number;
  value: T;
}

interface ConversationState {
  messages: Map<string, TimelineMessage>;
  assignees: TimelineInput['assignees'];
  closes: Map<number, Date>;
  open?: Stamped<boolean>;
  assigneeId?: Stamped<string | null>;
  botActive?: Stamped<boolean>;
  internal?: Stamped<boolean>;
}

/**
 * Folds facts the way the store keeps them: messages deduplicated by id, every assignee
 * observation, every close, and for the current state of each field the newest snapshot that
 * says it.
 */
export class FactStore {
  readonly #conversations = new Map<string, ConversationState>();
  readonly #signatures = new Map<string, Stamped<string>>();

  add(fact: ConversationEventFact): void {
    const state = this.#state(fact.conversationExternalId);
    const at = fact.occurredAt.getTime();
    const { message } = fact;
    if (message && !state.messages.has(message.externalId)) {
      state.messages.set(message.externalId, {
        key: message.externalId,
        sentAt: message.sentAt,
        sender: message.sender,
        isNote: message.isNote,
        agentId: message.agentExternalId,
      });
    }
    if (message?.agentExternalId && message.signatureName) {
      newest(this.#signatures, message.agentExternalId, message.sentAt.getTime(), message.signatureName);
    }
    if (fact.assigneeExternalId !== undefined) {
      state.assignees.push({ at: fact.occurredAt, agentId: fact.assigneeExternalId });
      state.assigneeId = newer(state.assigneeId, at, fact.assigneeExternalId);
    }
    if (fact.closedAt) state.closes.set(fact.closedAt.getTime(), fact.closedAt);
    if (fact.open !== undefined) state.open = newer(state.open, at, fact.open);
    if (fact.botActive !== undefined) state.botActive = newer(state.botActive, at, fact.botActive);
    if (fact.contact) state.internal = newer(state.internal, at, fact.contact.kind === 'INTERNAL');
  }

  conversations(): StoredConversation[] {
    return [...this.#conversations].map(([externalId, state]) => {
      const input: TimelineInput = {
        messages: [...state.messages.values()],
        assignees: state.assignees,
        closes: [...state.closes.values()].map((at) => ({ at })),
        current: {
          open: state.open?.value ?? true,
          assigneeId: state.assigneeId?.value ?? null,
          botActive: state.botActive?.value ?? false,
          internal: state.internal?.value ?? false,
        },
      };
      return { externalId, input, derived: deriveConversation(input) };
    });
  }

  /** Agents' names, from the signature of their latest signed message. */
  agentNames(): Record<string, string> {
    return Object.fromEntries([...this.#signatures].map(([id, { value }]) => [id, value]));
  }

  #state(externalId: string): ConversationState {
    let state = this.#conversations.get(externalId);
    if (!state) {
      state = { messages: new Map(), assignees: [], closes: new Map() };
      this.#conversations.set(externalId, state);
    }
    return state;
  }
}

/** Ties go to the greater value so that the result does not depend on arrival order. */
function newer<T>(current: Stamped<T> | undefined, at: number, value: T): Stamped<T> {
  if (!current || at > current.at) return { at, value };
  if (at === current.at && String(value) > String(current.value)) return { at, value };
  return current;
}

function newest<T>(map: Map<string, Stamped<T>>, key: string, at: number, value: T): void {
  map.set(key, newer(map.get(key), at, value));
}

const MESSAGE_KIND: Record<SenderKind, MessageKind> = {
  CUSTOMER: 'customer',
  AGENT: 'agent',
  BOT: 'bot',
  OTHER: 'other',
};

/** Metrics over [from, to): every sample belongs to the period of its end. */
export function aggregatePeriod(
  conversations: readonly StoredConversation[],
  from: Date,
  to: Date,
  agentIds: Iterable<string> = [],
): PeriodMetrics {
  const inPeriod = (time: Date) => time >= from && time < to;
  const perAgent = new Map<string, AgentAccumulator>();
  const agent = (id: string) => {
    let accumulator = perAgent.get(id);
    if (!accumulator) {
      accumulator = newAccumulator();
      perAgent.set(id, accumulator);
    }
    return accumulator;
  };
  for (const id of agentIds) agent(id);

  const totals = newAccumulator();
  let conversationsStarted = 0;
  const messages: Record<MessageKind, number> = {
    customer: 0,
    agent: 0,
    bot: 0,
    note: 0,
    other: 0,
  };

  for (const { externalId, input, derived } of conversations) {
    if (input.current.internal) continue;
    conversationsStarted += derived.cycles.filter((cycle) => inPeriod(cycle.startedAt)).length;
    for (const message of input.messages) {
      if (!inPeriod(message.sentAt)) continue;
      messages[message.isNote ? 'note' : MESSAGE_KIND[message.sender]]++;
      if (message.isNote || message.sender !== 'AGENT' || !message.agentId) continue;
      const handled = agent(message.agentId);
      handled.messagesSent++;
      handled.cycles.add(`${externalId}#${derived.messages.get(message.key)?.cycleIndex}`);
    }
    for (const cycle of derived.cycles) {
      if (cycle.closedAt && inPeriod(cycle.closedAt) && cycle.resolvedById) {
        agent(cycle.resolvedById).conversationsResolved++;
      }
    }
    for (const change of derived.assignmentChanges) {
      if (!inPeriod(change.at)) continue;
      if (change.toAgentId) agent(change.toAgentId).assignments++;
      if (change.isTransfer && change.fromAgentId && change.toAgentId) {
        agent(change.toAgentId).transfersIn++;
        agent(change.fromAgentId).transfersOut++;
      }
    }
    for (const sample of derived.samples) {
      // expected.json holds the three durations of the first definitions only.
      if (!inPeriod(sample.endedAt) || !isExpectedKind(sample.kind)) continue;
      totals.samples[sample.kind].push(sample.seconds);
      if (sample.agentId) agent(sample.agentId).samples[sample.kind].push(sample.seconds);
    }
  }

  return {
    from,
    to,
    agents: Object.fromEntries([...perAgent].map(([id, accumulator]) => [id, agentMetrics(accumulator)])),
    totals: {
      conversationsStarted,
      messages,
      ...durations(totals),
    },
  };
}

type ExpectedKind = 'RESPONSE' | 'FIRST_RESPONSE' | 'RESOLUTION';
const isExpectedKind = (kind: string): kind is ExpectedKind =>
  kind === 'RESPONSE' || kind === 'FIRST_RESPONSE' || kind === 'RESOLUTION';

interface AgentAccumulator {
  cycles: Set<string>;
  conversationsResolved: number;
  messagesSent: number;
  assignments: number;
  transfersIn: number;
  transfersOut: number;
  samples: Record<ExpectedKind, number[]>;
}

function newAccumulator(): AgentAccumulator {
  return {
    cycles: new Set(),
    conversationsResolved: 0,
    messagesSent: 0,
    assignments: 0,
    transfersIn: 0,
    transfersOut: 0,
    samples: { RESPONSE: [], FIRST_RESPONSE: [], RESOLUTION: [] },
  };
}

function durations(accumulator: AgentAccumulator) {
  return {
    responseTime: summarize(accumulator.samples.RESPONSE),
    firstResponseTime: summarize(accumulator.samples.FIRST_RESPONSE),
    resolutionTime: summarize(accumulator.samples.RESOLUTION),
  };
}

function agentMetrics(accumulator: AgentAccumulator): AgentMetrics {
  return {
    conversationsHandled: accumulator.cycles.size,
    conversationsResolved: accumulator.conversationsResolved,
    messagesSent: accumulator.messagesSent,
    assignments: accumulator.assignments,
    transfersIn: accumulator.transfersIn,
    transfersOut: accumulator.transfersOut,
    ...durations(accumulator),
  };
}
