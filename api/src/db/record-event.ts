import type { ConversationEventFact, NamedRef } from '../domain/facts.js';
import { deriveConversation } from '../domain/timeline.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { PrismaClient } from './client.js';

type Tx = Prisma.TransactionClient;

export interface RecordedEvent {
  conversationId: number;
  /** Set when this event stored a message Radar did not have. */
  newMessageId: number | null;
}

/**
 * Applies one platform-neutral event: facts are added to the history (idempotently, keyed by
 * `eventKey` and the platform's ids), current state moves only forward in time, and the
 * conversation's derived data is recomputed from its whole timeline.
 */
export async function recordEvent(
  prisma: PrismaClient,
  eventKey: string,
  fact: ConversationEventFact,
): Promise<RecordedEvent> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${fact.conversationExternalId}))`;
      const existing = await tx.conversation.findUnique({
        where: { externalId: fact.conversationExternalId },
        select: { id: true, stateAt: true },
      });
      const isNewest = !existing || fact.occurredAt >= existing.stateAt;
      // The assignee usually sent the message too: one upsert per agent and event.
      const agentIds = new Map<string, Promise<number>>();
      const agentId = (externalId: string) => {
        const known = agentIds.get(externalId);
        if (known) return known;
        const id = upsertAgent(tx, externalId);
        agentIds.set(externalId, id);
        return id;
      };

      const contactId = fact.contact
        ? (
            await tx.contact.upsert({
              where: { externalId: fact.contact.externalId },
              create: { ...fact.contact },
              update: isNewest ? { ...fact.contact } : {},
              select: { id: true },
            })
          ).id
        : undefined;
      const assigneeId =
        fact.assigneeExternalId === undefined
          ? undefined
          : fact.assigneeExternalId === null
            ? null
            : await agentId(fact.assigneeExternalId);
      const sectorId =
        fact.sector === undefined ? undefined : fact.sector && (await upsertSector(tx, fact.sector));

      const state = {
        contactId,
        assigneeId,
        sectorId,
        channelName: fact.channel?.name ?? undefined,
        internal: fact.contact ? fact.contact.kind === 'INTERNAL' : undefined,
        open: fact.open,
        private: fact.private,
        botActive: fact.botActive,
        stateAt: fact.occurredAt,
      };
      const conversationId = existing
        ? existing.id
        : (
            await tx.conversation.create({
              data: { externalId: fact.conversationExternalId, lastActivityAt: fact.occurredAt, ...state },
              select: { id: true },
            })
          ).id;
      if (existing && isNewest) await tx.conversation.update({ where: { id: conversationId }, data: state });

      if (fact.tags && isNewest) {
        const tagIds = await Promise.all(fact.tags.map((tag) => upsertTag(tx, tag)));
        await tx.conversationTag.deleteMany({ where: { conversationId, tagId: { notIn: tagIds } } });
        await tx.conversationTag.createMany({
          data: tagIds.map((tagId) => ({ conversationId, tagId })),
          skipDuplicates: true,
        });
      }

      const newMessageId = fact.message
        ? await recordMessage(tx, conversationId, fact.message, agentId)
        : null;

      if (assigneeId !== undefined) {
        await tx.assigneeObservation.createMany({
          data: [{ conversationId, eventKey, at: fact.occurredAt, agentId: assigneeId }],
          skipDuplicates: true,
        });
      }
      if (fact.closedAt) {
        await tx.conversationClose.createMany({
          data: [{ conversationId, closedAt: fact.closedAt }],
          skipDuplicates: true,
        });
      }
      const changes = timelineChanges(fact);
      if (changes.length > 0) {
        await tx.conversationChange.createMany({
          data: changes.map((change) => ({ conversationId, eventKey, at: fact.occurredAt, ...change })),
          skipDuplicates: true,
        });
      }

      await recomputeConversation(tx, conversationId);
      return { conversationId, newMessageId };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

function timelineChanges(fact: ConversationEventFact) {
  const changes: {
    kind: 'SECTOR_CHANGED' | 'TAGS_CHANGED' | 'PRIVATE_CHANGED';
    detail: Prisma.InputJsonObject;
  }[] = [];
  if (fact.changes.includes('SECTOR_CHANGED') && fact.sector !== undefined) {
    changes.push({ kind: 'SECTOR_CHANGED', detail: { sector: fact.sector ? { ...fact.sector } : null } });
  }
  if (fact.changes.includes('TAGS_CHANGED') && fact.tags) {
    changes.push({ kind: 'TAGS_CHANGED', detail: { tags: fact.tags.map((tag) => ({ ...tag })) } });
  }
  if (fact.changes.includes('PRIVATE_CHANGED') && fact.private !== undefined) {
    changes.push({ kind: 'PRIVATE_CHANGED', detail: { private: fact.private } });
  }
  return changes;
}

async function recordMessage(
  tx: Tx,
  conversationId: number,
  message: NonNullable<ConversationEventFact['message']>,
  agentId: (externalId: string) => Promise<number>,
): Promise<number | null> {
  const agent = message.agentExternalId ? await agentId(message.agentExternalId) : null;
  if (agent !== null && message.signatureName) {
    await tx.agent.updateMany({
      where: { id: agent, OR: [{ signatureAt: null }, { signatureAt: { lte: message.sentAt } }] },
      data: { signatureName: message.signatureName, signatureAt: message.sentAt },
    });
  }
  const file = message.file;
  const stored = await tx.message.findUnique({
    where: { externalId: message.externalId },
    select: { id: true, fileUrl: true },
  });
  if (stored) {
    if (file?.url && !stored.fileUrl) {
      await tx.message.update({
        where: { id: stored.id },
        data: {
          fileUrl: file.url,
          fileContentType: file.contentType,
          fileName: file.name,
          fileSizeBytes: file.sizeBytes,
        },
      });
    }
    return null;
  }
  const created = await tx.message.create({
    data: {
      externalId: message.externalId,
      conversationId,
      sentAt: message.sentAt,
      sender: message.sender,
      isNote: message.isNote,
      agentId: agent,
      type: message.type,
      text: message.text,
      fileUrl: file?.url ?? null,
      fileContentType: file?.contentType ?? null,
      fileName: file?.name ?? null,
      fileSizeBytes: file?.sizeBytes ?? null,
    },
    select: { id: true },
  });
  return created.id;
}

async function upsertAgent(tx: Tx, externalId: string): Promise<number> {
  const agent = await tx.agent.upsert({
    where: { externalId },
    create: { externalId },
    update: {},
    select: { id: true },
  });
  return agent.id;
}

async function upsertSector(tx: Tx, sector: NamedRef): Promise<number> {
  const row = await tx.sector.upsert({
    where: { externalId: sector.externalId },
    create: { ...sector },
    update: sector.name ? { name: sector.name } : {},
    select: { id: true },
  });
  return row.id;
}

async function upsertTag(tx: Tx, tag: NamedRef): Promise<number> {
  const row = await tx.tag.upsert({
    where: { externalId: tag.externalId },
    create: { ...tag },
    update: tag.name ? { name: tag.name } : {},
    select: { id: true },
  });
  return row.id;
}

/** Rebuilds cycles, samples, assignment changes and live status from the stored facts. */
export async function recomputeConversation(tx: Tx, conversationId: number): Promise<void> {
  const [conversation, messages, observations, closes] = await Promise.all([
    tx.conversation.findUniqueOrThrow({
      where: { id: conversationId },
      select: { open: true, assigneeId: true, botActive: true, internal: true, lastActivityAt: true },
    }),
    tx.message.findMany({
      where: { conversationId },
      select: {
        id: true,
        sentAt: true,
        sender: true,
        isNote: true,
        agentId: true,
        cycleIndex: true,
        responseTime: true,
      },
      orderBy: [{ sentAt: 'asc' }, { id: 'asc' }],
    }),
    tx.assigneeObservation.findMany({
      where: { conversationId },
      select: { at: true, agentId: true },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    }),
    tx.conversationClose.findMany({ where: { conversationId }, select: { closedAt: true } }),
  ]);
  const derived = deriveConversation({
    messages: messages.map((m) => ({
      key: String(m.id),
      sentAt: m.sentAt,
      sender: m.sender,
      isNote: m.isNote,
      agentId: m.agentId === null ? null : String(m.agentId),
    })),
    assignees: observations.map((o) => ({
      at: o.at,
      agentId: o.agentId === null ? null : String(o.agentId),
    })),
    closes: closes.map((c) => ({ at: c.closedAt })),
    current: {
      open: conversation.open,
      assigneeId: conversation.assigneeId === null ? null : String(conversation.assigneeId),
      botActive: conversation.botActive,
      internal: conversation.internal,
    },
  });
  const toId = (id: string | null) => (id === null ? null : Number(id));

  const changedMessages = messages.flatMap((m) => {
    const d = derived.messages.get(String(m.id));
    const cycleIndex = d?.cycleIndex ?? null;
    const responseTime = d?.responseTime ?? null;
    return cycleIndex === m.cycleIndex && responseTime === m.responseTime
      ? []
      : [{ id: m.id, cycle_index: cycleIndex, response_time: responseTime }];
  });
  const cycles = derived.cycles.map((c) => ({
    index: c.index,
    started_at: c.startedAt,
    closed_at: c.closedAt,
    resolved_by_id: toId(c.resolvedById),
  }));
  const samples = derived.samples.map((x) => ({
    kind: x.kind,
    cycle_index: x.cycleIndex,
    agent_id: toId(x.agentId),
    started_at: x.startedAt,
    ended_at: x.endedAt,
    seconds: x.seconds,
  }));
  const assignments = derived.assignmentChanges.map((a) => ({
    at: a.at,
    from_agent_id: toId(a.fromAgentId),
    to_agent_id: toId(a.toAgentId),
    is_transfer: a.isTransfer,
  }));
  // Derived rows are replaced wholesale; two statements instead of one round trip per table
  // keep an event's cost low (a delete and an insert of one key cannot share a statement).
  await tx.$executeRaw`
    WITH c AS (DELETE FROM cycles WHERE conversation_id = ${conversationId}),
         s AS (DELETE FROM samples WHERE conversation_id = ${conversationId})
    DELETE FROM assignment_changes WHERE conversation_id = ${conversationId}`;
  await tx.$executeRaw`
    WITH c AS (
      INSERT INTO cycles (conversation_id, index, started_at, closed_at, resolved_by_id)
      SELECT ${conversationId}, x.index, x.started_at, x.closed_at, x.resolved_by_id
      FROM jsonb_to_recordset(${JSON.stringify(cycles)}::jsonb)
        AS x(index int, started_at timestamptz, closed_at timestamptz, resolved_by_id int)
    ), s AS (
      INSERT INTO samples (kind, conversation_id, cycle_index, agent_id, started_at, ended_at, seconds)
      SELECT x.kind::"SampleKind", ${conversationId}, x.cycle_index, x.agent_id, x.started_at, x.ended_at, x.seconds
      FROM jsonb_to_recordset(${JSON.stringify(samples)}::jsonb)
        AS x(kind text, cycle_index int, agent_id int, started_at timestamptz, ended_at timestamptz, seconds float8)
    ), a AS (
      INSERT INTO assignment_changes (conversation_id, at, from_agent_id, to_agent_id, is_transfer)
      SELECT ${conversationId}, x.at, x.from_agent_id, x.to_agent_id, x.is_transfer
      FROM jsonb_to_recordset(${JSON.stringify(assignments)}::jsonb)
        AS x(at timestamptz, from_agent_id int, to_agent_id int, is_transfer boolean)
    )
    UPDATE messages m SET cycle_index = x.cycle_index, response_time = x.response_time
    FROM jsonb_to_recordset(${JSON.stringify(changedMessages)}::jsonb)
      AS x(id int, cycle_index int, response_time float8)
    WHERE m.id = x.id`;
  const last = messages.at(-1);
  const lastClose = derived.cycles.at(-1)?.closedAt ?? null;
  const lastAssignment = derived.assignmentChanges.at(-1)?.at ?? null;
  const activity = [last?.sentAt, lastClose, lastAssignment].filter((d): d is Date => d instanceof Date);
  await tx.conversation.update({
    where: { id: conversationId },
    data: {
      status: derived.status,
      waitingSince: derived.waitingSince,
      openedAt: derived.openedAt,
      lastMessageAt: derived.lastMessageAt,
      lastMessageId: last?.id ?? null,
      closedAt: derived.status === 'CLOSED' ? lastClose : null,
      lastActivityAt: activity.length
        ? new Date(Math.max(...activity.map(Number)))
        : conversation.lastActivityAt,
    },
  });
}
