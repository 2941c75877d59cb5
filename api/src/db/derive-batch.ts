import { deriveConversation } from '../domain/timeline.js';
import type { Prisma } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

const json = (value: unknown) => JSON.stringify(value);
const toId = (id: string | null) => (id === null ? null : Number(id));
const key = (id: number | null) => (id === null ? null : String(id));

/**
 * Rebuilds cycles, samples, assignment changes and live status of these conversations from
 * their stored facts, in a fixed number of statements whatever their number.
 */
export async function rederive(tx: Tx, conversationIds: number[]): Promise<void> {
  if (conversationIds.length === 0) return;
  const where = { conversationId: { in: conversationIds } };
  const conversations = await tx.conversation.findMany({
    where: { id: { in: conversationIds } },
    select: { id: true, open: true, assigneeId: true, botActive: true, internal: true, lastActivityAt: true },
  });
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
  const byConversation = <T extends { conversationId: number }>(rows: T[]) => {
    const groups = new Map<number, T[]>();
    for (const row of rows) {
      const group = groups.get(row.conversationId);
      if (group) group.push(row);
      else groups.set(row.conversationId, [row]);
    }
    return (id: number) => groups.get(id) ?? [];
  };
  const messagesOf = byConversation(messages);
  const observationsOf = byConversation(observations);
  const closesOf = byConversation(closes);

  const changedMessages: { id: number; cycle_index: number | null; response_time: number | null }[] = [];
  const cycles: Record<string, unknown>[] = [];
  const samples: Record<string, unknown>[] = [];
  const assignments: Record<string, unknown>[] = [];
  const states: Record<string, unknown>[] = [];
  for (const conversation of conversations) {
    const id = conversation.id;
    const stored = messagesOf(id);
    const derived = deriveConversation({
      messages: stored.map((m) => ({
        key: String(m.id),
        sentAt: m.sentAt,
        sender: m.sender,
        isNote: m.isNote,
        agentId: key(m.agentId),
      })),
      assignees: observationsOf(id).map((o) => ({ at: o.at, agentId: key(o.agentId) })),
      closes: closesOf(id).map((c) => ({ at: c.closedAt })),
      current: {
        open: conversation.open,
        assigneeId: key(conversation.assigneeId),
        botActive: conversation.botActive,
        internal: conversation.internal,
      },
    });
    for (const m of stored) {
      const d = derived.messages.get(String(m.id));
      const cycleIndex = d?.cycleIndex ?? null;
      const responseTime = d?.responseTime ?? null;
      if (cycleIndex !== m.cycleIndex || responseTime !== m.responseTime) {
        changedMessages.push({ id: m.id, cycle_index: cycleIndex, response_time: responseTime });
      }
    }
    for (const c of derived.cycles) {
      cycles.push({
        conversation_id: id,
        index: c.index,
        started_at: c.startedAt,
        closed_at: c.closedAt,
        resolved_by_id: toId(c.resolvedById),
      });
    }
    for (const x of derived.samples) {
      samples.push({
        conversation_id: id,
        kind: x.kind,
        cycle_index: x.cycleIndex,
        agent_id: toId(x.agentId),
        started_at: x.startedAt,
        ended_at: x.endedAt,
        seconds: x.seconds,
      });
    }
    for (const a of derived.assignmentChanges) {
      assignments.push({
        conversation_id: id,
        at: a.at,
        from_agent_id: toId(a.fromAgentId),
        to_agent_id: toId(a.toAgentId),
        is_transfer: a.isTransfer,
      });
    }
    const last = stored.at(-1);
    const lastClose = derived.cycles.at(-1)?.closedAt ?? null;
    const lastAssignment = derived.assignmentChanges.at(-1)?.at ?? null;
    const activity = [last?.sentAt, lastClose, lastAssignment].filter((d): d is Date => d instanceof Date);
    states.push({
      id,
      status: derived.status,
      waiting_since: derived.waitingSince,
      opened_at: derived.openedAt,
      last_message_at: derived.lastMessageAt,
      last_message_id: last?.id ?? null,
      closed_at: derived.status === 'CLOSED' ? lastClose : null,
      last_activity_at: activity.length
        ? new Date(Math.max(...activity.map(Number)))
        : conversation.lastActivityAt,
    });
  }

  const ids = json(conversationIds);
  // A delete and an insert of one key cannot share a statement: derived rows go in two.
  await tx.$executeRaw`
    WITH target AS (SELECT (jsonb_array_elements_text(${ids}::jsonb))::int AS id),
         c AS (DELETE FROM cycles WHERE conversation_id IN (SELECT id FROM target)),
         s AS (DELETE FROM samples WHERE conversation_id IN (SELECT id FROM target))
    DELETE FROM assignment_changes WHERE conversation_id IN (SELECT id FROM target)`;
  await tx.$executeRaw`
    WITH c AS (
      INSERT INTO cycles (conversation_id, index, started_at, closed_at, resolved_by_id)
      SELECT x.conversation_id, x.index, x.started_at, x.closed_at, x.resolved_by_id
      FROM jsonb_to_recordset(${json(cycles)}::jsonb)
        AS x(conversation_id int, index int, started_at timestamptz, closed_at timestamptz, resolved_by_id int)
    ), s AS (
      INSERT INTO samples (kind, conversation_id, cycle_index, agent_id, started_at, ended_at, seconds)
      SELECT x.kind::"SampleKind", x.conversation_id, x.cycle_index, x.agent_id, x.started_at, x.ended_at, x.seconds
      FROM jsonb_to_recordset(${json(samples)}::jsonb) AS x(
        kind text, conversation_id int, cycle_index int, agent_id int, started_at timestamptz,
        ended_at timestamptz, seconds float8)
    ), a AS (
      INSERT INTO assignment_changes (conversation_id, at, from_agent_id, to_agent_id, is_transfer)
      SELECT x.conversation_id, x.at, x.from_agent_id, x.to_agent_id, x.is_transfer
      FROM jsonb_to_recordset(${json(assignments)}::jsonb)
        AS x(conversation_id int, at timestamptz, from_agent_id int, to_agent_id int, is_transfer boolean)
    ), m AS (
      UPDATE messages m SET cycle_index = x.cycle_index, response_time = x.response_time
      FROM jsonb_to_recordset(${json(changedMessages)}::jsonb) AS x(id int, cycle_index int, response_time float8)
      WHERE m.id = x.id
    )
    UPDATE conversations c SET
      status = x.status::"ConversationStatus", waiting_since = x.waiting_since, opened_at = x.opened_at,
      last_message_at = x.last_message_at, last_message_id = x.last_message_id, closed_at = x.closed_at,
      last_activity_at = x.last_activity_at
    FROM jsonb_to_recordset(${json(states)}::jsonb) AS x(
      id int, status text, waiting_since timestamptz, opened_at timestamptz, last_message_at timestamptz,
      last_message_id int, closed_at timestamptz, last_activity_at timestamptz)
    WHERE c.id = x.id`;
}
