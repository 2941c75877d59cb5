import { businessSeconds, isOpenAt } from '../domain/business-hours.js';
import type { AdFact } from '../domain/facts.js';
import { type Opening, type Origin, originOf } from '../domain/origins.js';
import {
  type Folded,
  foldTimeline,
  initialTimelineState,
  liveStateOf,
  TIMELINE_VERSION,
  type TimelineFacts,
  type TimelineMessage,
  type TimelineState,
} from '../domain/timeline.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { loadRules, scheduleFor } from './schedules.js';
import { judge, judgementColumns } from './sla.js';

type Tx = Prisma.TransactionClient;

const json = (value: unknown) => JSON.stringify(value);
const toId = (id: string | null) => (id === null ? null : Number(id));
const key = (id: number | null) => (id === null ? null : String(id));

/** Facts a batch added to one conversation (duplicates of stored facts left out). */
export interface NewFacts extends TimelineFacts {
  /** By message key: what each new customer message says of its origin (see domain/origins.ts). */
  openings: Map<string, Opening>;
}

export const noFacts = (): NewFacts => ({ messages: [], assignees: [], closes: [], openings: new Map() });

/** Each cycle's first customer message (notes left out), by the cycle's index. */
function firstCustomerMessages(messages: readonly TimelineMessage[], folded: Folded): Map<number, string> {
  const first = new Map<number, TimelineMessage>();
  for (const m of messages) {
    if (m.sender !== 'CUSTOMER' || m.isNote) continue;
    const cycle = folded.messages.get(m.key)?.cycleIndex;
    if (cycle == null) continue;
    const known = first.get(cycle);
    if (
      !known ||
      m.sentAt.getTime() < known.sentAt.getTime() ||
      (m.sentAt.getTime() === known.sentAt.getTime() && Number(m.key) < Number(known.key))
    )
      first.set(cycle, m);
  }
  return new Map([...first].map(([cycle, m]) => [cycle, m.key]));
}

/** A conversation's row as derivation reads it (writeBatch has it from its upsert). */
export interface Current {
  id: number;
  sectorId: number | null;
  open: boolean;
  assigneeId: number | null;
  botActive: boolean;
  internal: boolean;
  lastActivityAt: Date;
  timelineState: Prisma.JsonValue;
}

/** Late facts (at or before the frontier) change what was derived: the timeline is derived again. */
function foldsOnto(state: TimelineState | null, current: Current, facts: NewFacts): state is TimelineState {
  if (!state || state.version !== TIMELINE_VERSION || state.internal !== current.internal) return false;
  const times = [
    ...facts.messages.map((m) => m.sentAt),
    ...facts.assignees.map((o) => o.at),
    ...facts.closes.map((c) => c.at),
  ];
  return times.every((time) => time.getTime() > state.frontier);
}

/**
 * Brings the derived data of these conversations (cycles, samples, assignment changes, live
 * status) up to date with their facts, in a fixed number of statements whatever their number.
 * A conversation whose new facts all come after what was derived folds them onto its stored
 * timeline state, without reading its history; any other is derived again from all its facts.
 */
export async function rederive(
  tx: Tx,
  added: Map<number, NewFacts>,
  timeZone: string,
  /** These conversations' rows, when the caller already holds them (read after its lock). */
  current?: Current[],
): Promise<void> {
  const conversationIds = [...added.keys()];
  if (conversationIds.length === 0) return;
  const { schedules, policies, origins } = await loadRules(tx, timeZone);
  const conversations: Current[] =
    current ??
    (await tx.conversation.findMany({
      where: { id: { in: conversationIds } },
      select: {
        id: true,
        open: true,
        assigneeId: true,
        botActive: true,
        internal: true,
        lastActivityAt: true,
        timelineState: true,
        sectorId: true,
      },
    }));
  const full = conversations
    .filter((c) => !foldsOnto(c.timelineState as TimelineState | null, c, added.get(c.id) ?? noFacts()))
    .map((c) => c.id);
  const history = await loadHistory(tx, full);

  const changedMessages: { id: number; cycle_index: number | null; response_time: number | null }[] = [];
  const cycles: Record<string, unknown>[] = [];
  /** Cycles derived again whose first customer message is only known by its id: read below. */
  const openedBy = new Map<number, Record<string, unknown>>();
  /**
   * Stored cycles the fold did not return (still open, not closed by these facts) whose first
   * customer message arrived now: their origin is set if they have none yet.
   */
  const opened: Record<string, unknown>[] = [];
  const samples: Record<string, unknown>[] = [];
  const assignments: Record<string, unknown>[] = [];
  const states: Record<string, unknown>[] = [];
  for (const [index, conversation] of conversations.entries()) {
    // Other requests share this event loop: a large batch gives them a turn now and then.
    if (index % 25 === 24) await new Promise<void>((resolve) => setImmediate(resolve));
    const id = conversation.id;
    const stored = conversation.timelineState as TimelineState | null;
    const again = history.get(id);
    let folded: Folded;
    if (again) {
      folded = foldTimeline(initialTimelineState(conversation.internal), again.facts);
      for (const m of again.stored) {
        const d = folded.messages.get(String(m.id));
        const cycleIndex = d?.cycleIndex ?? null;
        const responseTime = d?.responseTime ?? null;
        if (cycleIndex !== m.cycleIndex || responseTime !== m.responseTime) {
          changedMessages.push({ id: m.id, cycle_index: cycleIndex, response_time: responseTime });
        }
      }
    } else {
      folded = foldTimeline(stored as TimelineState, added.get(id) ?? noFacts());
      for (const [messageId, d] of folded.messages) {
        if (d.cycleIndex !== null || d.responseTime !== null) {
          changedMessages.push({
            id: Number(messageId),
            cycle_index: d.cycleIndex,
            response_time: d.responseTime,
          });
        }
      }
    }
    const schedule = scheduleFor(schedules, conversation.sectorId);
    // A cycle's origin: from its first customer message, when this derivation has it (a new one
    // folded in, or the whole history); a stored cycle keeps the origin it has (see the upsert).
    const facts = added.get(id) ?? noFacts();
    const openers = firstCustomerMessages(again ? again.facts.messages : facts.messages, folded);
    for (const c of folded.cycles) {
      const row: Record<string, unknown> = {
        outside_business_hours: !isOpenAt(new Date(c.startedAt).getTime(), schedule),
        conversation_id: id,
        index: c.index,
        started_at: c.startedAt,
        closed_at: c.closedAt,
        resolved_by_id: toId(c.resolvedById),
        ...noOrigin,
      };
      const opener = openers.get(c.index);
      const opening = opener === undefined ? undefined : facts.openings.get(opener);
      if (opening) Object.assign(row, originColumns(originOf(opening, origins)));
      else if (opener !== undefined) openedBy.set(Number(opener), row);
      cycles.push(row);
    }
    const returned = new Set(folded.cycles.map((c) => c.index));
    for (const [index, opener] of openers) {
      const opening = facts.openings.get(opener);
      if (returned.has(index) || !opening) continue;
      opened.push({ conversation_id: id, index, ...originColumns(originOf(opening, origins)) });
    }
    for (const x of folded.samples) {
      samples.push({
        business_seconds: businessSeconds(
          new Date(x.startedAt).getTime(),
          new Date(x.endedAt).getTime(),
          schedule,
        ),
        conversation_id: id,
        kind: x.kind,
        cycle_index: x.cycleIndex,
        agent_id: toId(x.agentId),
        started_at: x.startedAt,
        ended_at: x.endedAt,
        seconds: x.seconds,
        first_in_cycle: x.firstInCycle ?? false,
        ...judgementColumns(judge(policies, conversation.sectorId, x)),
      });
    }
    for (const a of folded.assignmentChanges) {
      assignments.push({
        conversation_id: id,
        at: a.at,
        from_agent_id: toId(a.fromAgentId),
        to_agent_id: toId(a.toAgentId),
        is_transfer: a.isTransfer,
      });
    }
    const live = liveStateOf(folded.state, {
      open: conversation.open,
      assigneeId: key(conversation.assigneeId),
      botActive: conversation.botActive,
      internal: conversation.internal,
    });
    const activity = [live.lastMessageAt, live.lastCloseAt, live.lastAssignmentAt].filter(
      (d): d is Date => d instanceof Date,
    );
    states.push({
      id,
      status: live.status,
      waiting_since: live.waitingSince,
      opened_at: live.openedAt,
      last_message_at: live.lastMessageAt,
      last_message_id: folded.state.lastMessage ? Number(folded.state.lastMessage.key) : null,
      closed_at: live.status === 'CLOSED' ? live.lastCloseAt : null,
      last_activity_at: activity.length
        ? new Date(Math.max(...activity.map(Number)))
        : conversation.lastActivityAt,
      timeline_state: folded.state,
    });
  }

  if (openedBy.size > 0) {
    // Only after a late event (a derivation from scratch): the openers' text and ad.
    const openings = await tx.$queryRaw<{ id: number; text: string | null; ad: AdFact | null }[]>`
      SELECT id, text, ad FROM messages
      WHERE id IN (SELECT (jsonb_array_elements_text(${json([...openedBy.keys()])}::jsonb))::int)`;
    for (const m of openings) {
      const row = openedBy.get(m.id);
      if (row) Object.assign(row, originColumns(originOf({ text: m.text, ad: m.ad }, origins)));
    }
  }

  if (full.length > 0) {
    // A delete and an insert of one key cannot share a statement: derived rows go in two.
    await tx.$executeRaw`
      WITH target AS (SELECT (jsonb_array_elements_text(${json(full)}::jsonb))::int AS id),
           c AS (DELETE FROM cycles WHERE conversation_id IN (SELECT id FROM target)),
           s AS (DELETE FROM samples WHERE conversation_id IN (SELECT id FROM target))
      DELETE FROM assignment_changes WHERE conversation_id IN (SELECT id FROM target)`;
  }
  await tx.$executeRaw`
    WITH c AS (
      INSERT INTO cycles (conversation_id, index, started_at, closed_at, resolved_by_id, outside_business_hours,
                          origin, origin_name, origin_source)
      SELECT x.conversation_id, x.index, x.started_at, x.closed_at, x.resolved_by_id, x.outside_business_hours,
             x.origin::"OriginKind", x.origin_name, x.origin_source
      FROM jsonb_to_recordset(${json(cycles)}::jsonb)
        AS x(conversation_id int, index int, started_at timestamptz, closed_at timestamptz, resolved_by_id int,
             outside_business_hours boolean, origin text, origin_name text, origin_source text)
      ON CONFLICT (conversation_id, index) DO UPDATE
        SET closed_at = EXCLUDED.closed_at, resolved_by_id = EXCLUDED.resolved_by_id,
            outside_business_hours = EXCLUDED.outside_business_hours,
            -- Decided once: by the cycle's first customer message, which a later fold cannot precede.
            origin = coalesce(cycles.origin, EXCLUDED.origin),
            origin_name = CASE WHEN cycles.origin IS NULL THEN EXCLUDED.origin_name ELSE cycles.origin_name END,
            origin_source = CASE WHEN cycles.origin IS NULL THEN EXCLUDED.origin_source ELSE cycles.origin_source END
    ), s AS (
      INSERT INTO samples (kind, conversation_id, cycle_index, agent_id, started_at, ended_at, seconds, business_seconds,
                           first_in_cycle, sla_policy_id, sla_target_seconds, sla_business)
      SELECT x.kind::"SampleKind", x.conversation_id, x.cycle_index, x.agent_id, x.started_at, x.ended_at, x.seconds,
             x.business_seconds, x.first_in_cycle, x.sla_policy_id, x.sla_target_seconds, x.sla_business
      FROM jsonb_to_recordset(${json(samples)}::jsonb) AS x(
        kind text, conversation_id int, cycle_index int, agent_id int, started_at timestamptz,
        ended_at timestamptz, seconds float8, business_seconds float8, first_in_cycle boolean, sla_policy_id int,
        sla_target_seconds float8, sla_business boolean)
    ), a AS (
      INSERT INTO assignment_changes (conversation_id, at, from_agent_id, to_agent_id, is_transfer)
      SELECT x.conversation_id, x.at, x.from_agent_id, x.to_agent_id, x.is_transfer
      FROM jsonb_to_recordset(${json(assignments)}::jsonb)
        AS x(conversation_id int, at timestamptz, from_agent_id int, to_agent_id int, is_transfer boolean)
    ), o AS (
      -- Other rows than the upsert's above: cycles it does not write.
      UPDATE cycles cy SET origin = x.origin::"OriginKind", origin_name = x.origin_name, origin_source = x.origin_source
      FROM jsonb_to_recordset(${json(opened)}::jsonb)
        AS x(conversation_id int, index int, origin text, origin_name text, origin_source text)
      WHERE cy.conversation_id = x.conversation_id AND cy.index = x.index AND cy.origin IS NULL
    ), m AS (
      UPDATE messages m SET cycle_index = x.cycle_index, response_time = x.response_time
      FROM jsonb_to_recordset(${json(changedMessages)}::jsonb) AS x(id int, cycle_index int, response_time float8)
      WHERE m.id = x.id
    )
    UPDATE conversations c SET
      status = x.status::"ConversationStatus", waiting_since = x.waiting_since, opened_at = x.opened_at,
      last_message_at = x.last_message_at, last_message_id = x.last_message_id, closed_at = x.closed_at,
      last_activity_at = x.last_activity_at, timeline_state = x.timeline_state
    FROM jsonb_to_recordset(${json(states)}::jsonb) AS x(
      id int, status text, waiting_since timestamptz, opened_at timestamptz, last_message_at timestamptz,
      last_message_id int, closed_at timestamptz, last_activity_at timestamptz, timeline_state jsonb)
    WHERE c.id = x.id`;
}

/** Every stored fact of these conversations: what a derivation from scratch reads. */
async function loadHistory(tx: Tx, conversationIds: number[]) {
  const history = new Map<
    number,
    {
      facts: TimelineFacts;
      stored: { id: number; cycleIndex: number | null; responseTime: number | null }[];
    }
  >();
  if (conversationIds.length === 0) return history;
  const where = { conversationId: { in: conversationIds } };
  const messages = await tx.message.findMany({
    where,
    select: {
      id: true,
      conversationId: true,
      sentAt: true,
      sender: true,
      isNote: true,
      agentId: true,
      cycleIndex: true,
      responseTime: true,
    },
    orderBy: [{ sentAt: 'asc' }, { id: 'asc' }],
  });
  const observations = await tx.assigneeObservation.findMany({
    where,
    select: { conversationId: true, at: true, agentId: true },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
  const closes = await tx.conversationClose.findMany({
    where,
    select: { conversationId: true, closedAt: true },
  });
  for (const id of conversationIds) history.set(id, { facts: noFacts(), stored: [] });
  for (const m of messages) {
    const entry = history.get(m.conversationId);
    entry?.stored.push(m);
    entry?.facts.messages.push({
      key: String(m.id),
      sentAt: m.sentAt,
      sender: m.sender,
      isNote: m.isNote,
      agentId: key(m.agentId),
    });
  }
  for (const o of observations)
    history.get(o.conversationId)?.facts.assignees.push({ at: o.at, agentId: key(o.agentId) });
  for (const c of closes) history.get(c.conversationId)?.facts.closes.push({ at: c.closedAt });
  return history;
}

const noOrigin = { origin: null, origin_name: null, origin_source: null };
const originColumns = (o: Origin) => ({ origin: o.origin, origin_name: o.name, origin_source: o.source });

/** Conversations re-derived per transaction by `rederiveStale`. */
const STALE_STEP = 100;

/**
 * Derives again, in the background and in steps, every conversation whose stored timeline state
 * predates TIMELINE_VERSION, so that what a new version derives (a new kind of sample, say)
 * reaches the history too, not only conversations that receive events. Returns how many it did.
 */
export async function rederiveStale(
  prisma: PrismaClient,
  timeZone: string,
  signal: AbortSignal,
): Promise<number> {
  let done = 0;
  while (!signal.aborted) {
    const count = await prisma.$transaction(
      async (tx) => {
        const stale = await tx.$queryRaw<{ id: number; external_id: string }[]>`
          SELECT id, external_id FROM conversations
          WHERE (timeline_state->>'version') IS DISTINCT FROM ${String(TIMELINE_VERSION)}
          ORDER BY id LIMIT ${STALE_STEP}`;
        if (stale.length === 0) return 0;
        // The same lock as writeBatch: an event of one of these conversations waits for this step.
        await tx.$executeRaw`
          SELECT pg_advisory_xact_lock(hashtext(k))
          FROM (SELECT jsonb_array_elements_text(${json(stale.map((c) => c.external_id))}::jsonb) AS k
                ORDER BY 1) AS keys`;
        await rederive(tx, new Map(stale.map((c) => [c.id, noFacts()])), timeZone);
        return stale.length;
      },
      { timeout: 60_000 },
    );
    if (count === 0) break;
    done += count;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return done;
}
