import { encodeGlobalID } from '@pothos/plugin-relay';
import type { App } from '../context.js';
import { slaMet } from '../db/sla.js';
import { type Clock, wallClock } from '../domain/business-hours.js';
import { type OriginKind, Prisma } from '../generated/prisma/client.js';
import { maskPhone } from '../logger.js';
import { distinctNames } from '../schema/agent.js';
import { type ConversationFilterInput, conversationWhere, cycleOriginWhere } from '../schema/conversation.js';
import { secondsOf } from '../schema/metrics.js';
import type { Cell, Column } from './table.js';

/** What `GET /api/exports/cycles.csv` takes: cycles started in [from, to), the conversations' filters. */
export interface CycleExport {
  from: Date;
  to: Date;
  clock: Clock;
  filter: Omit<ConversationFilterInput, 'from' | 'to' | 'waitingLongerThan'>;
}

export const cycleColumns: readonly Column[] = [
  { key: 'conversation_id', label: 'ID da conversa (Radar)', kind: 'text' },
  { key: 'chat_id', label: 'ID do chat (Umbler)', kind: 'text' },
  { key: 'cycle', label: 'Atendimento nº', kind: 'number' },
  { key: 'contact_name', label: 'Contato', kind: 'text' },
  { key: 'contact_phone', label: 'Telefone (mascarado)', kind: 'text' },
  { key: 'sector', label: 'Setor', kind: 'text' },
  { key: 'origin', label: 'Origem', kind: 'text' },
  { key: 'origin_detail', label: 'Anúncio ou regra', kind: 'text' },
  { key: 'tags', label: 'Etiquetas', kind: 'text' },
  { key: 'agents', label: 'Atendentes (em ordem)', kind: 'text' },
  { key: 'assignee_at_close', label: 'Responsável ao encerrar', kind: 'text' },
  { key: 'opened_at', label: 'Aberto em', kind: 'datetime' },
  { key: 'closed_at', label: 'Encerrado em', kind: 'datetime' },
  { key: 'queue_seconds', label: 'Tempo na fila (s)', kind: 'number' },
  { key: 'first_response_seconds', label: 'Primeira resposta (s)', kind: 'number' },
  { key: 'responses', label: 'Respostas medidas', kind: 'number' },
  { key: 'mean_response_seconds', label: 'Tempo médio de resposta (s)', kind: 'number' },
  { key: 'median_response_seconds', label: 'Mediana de resposta (s)', kind: 'number' },
  { key: 'resolution_seconds', label: 'Resolução (s)', kind: 'number' },
  { key: 'transfers', label: 'Transferências', kind: 'number' },
  { key: 'reopen_index', label: 'Reabertura nº', kind: 'number' },
  { key: 'outside_business_hours', label: 'Fora do horário comercial', kind: 'boolean' },
  { key: 'sla_first_response_met', label: 'SLA primeira resposta cumprido', kind: 'boolean' },
  { key: 'sla_next_responses_met', label: 'SLA próximas respostas cumpridas', kind: 'number' },
  { key: 'sla_next_responses_judged', label: 'SLA próximas respostas avaliadas', kind: 'number' },
  { key: 'sla_resolution_met', label: 'SLA resolução cumprido', kind: 'boolean' },
];

const originLabels: Record<OriginKind, string> = {
  AD: 'Anúncio',
  WEBSITE: 'Site',
  OTHER: 'Outra',
  DIRECT: 'Direto',
};

/** Cycles read per round: the export's memory does not grow with its period. */
const CHUNK = 500;

interface CycleRow {
  id: number;
  conversationId: number;
  index: number;
  startedAt: Date;
  closedAt: Date | null;
  resolvedById: number | null;
  outsideBusinessHours: boolean;
  origin: OriginKind | null;
  originName: string | null;
  originSource: string | null;
  conversation: {
    externalId: string;
    contact: { name: string | null; phoneNumber: string | null } | null;
    sector: { name: string | null; externalId: string } | null;
    tags: { tag: { name: string | null; externalId: string } }[];
  };
}

interface Figures {
  conversation_id: number;
  cycle_index: number;
  queue: number | null;
  first_response: number | null;
  responses: number;
  mean_response: number | null;
  median_response: number | null;
  resolution: number | null;
  first_met: boolean | null;
  next_met: number;
  next_judged: number;
  resolution_met: boolean | null;
}

/**
 * One row per cycle started in [from, to), oldest first, internal chats left out unless asked:
 * the cycles in rounds of `CHUNK` (keyset on start and id), each round's figures in three
 * statements (samples, assignment changes, replies), never the whole period at once.
 */
export async function* cycleRows(
  app: Pick<App, 'db' | 'config'>,
  query: CycleExport,
): AsyncGenerator<Cell[]> {
  const { prisma } = app.db;
  const zone = app.config.timeZone;
  const local = (date: Date | null) => (date ? wallClock(date.getTime(), zone) : null);
  const agents = distinctNames(
    await prisma.agent.findMany({ select: { id: true, name: true, signatureName: true, externalId: true } }),
  );
  const nameOf = (id: number | null) => (id === null ? null : (agents.get(id) ?? `Agente #${id}`));
  let after: { startedAt: Date; id: number } | null = null;
  for (;;) {
    const cycles: CycleRow[] = await prisma.cycle.findMany({
      where: {
        startedAt: { gte: query.from, lt: query.to },
        conversation: conversationWhere(query.filter),
        // Both are ORs: side by side in AND, neither replaces the other.
        AND: [
          query.filter.origins?.length ? cycleOriginWhere(query.filter.origins) : {},
          after
            ? {
                OR: [
                  { startedAt: { gt: after.startedAt } },
                  { startedAt: after.startedAt, id: { gt: after.id } },
                ],
              }
            : {},
        ],
      },
      orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
      take: CHUNK,
      select: {
        id: true,
        conversationId: true,
        index: true,
        startedAt: true,
        closedAt: true,
        resolvedById: true,
        outsideBusinessHours: true,
        origin: true,
        originName: true,
        originSource: true,
        conversation: {
          select: {
            externalId: true,
            contact: { select: { name: true, phoneNumber: true } },
            sector: { select: { name: true, externalId: true } },
            tags: { select: { tag: { select: { name: true, externalId: true } } } },
          },
        },
      },
    });
    if (cycles.length === 0) return;
    const last = cycles.at(-1) as CycleRow;
    after = { startedAt: last.startedAt, id: last.id };
    const { figures, agentsInOrder, transfers } = await figuresOf(app, cycles, query.clock);
    for (const c of cycles) {
      const key = `${c.conversationId}:${c.index}`;
      const f = figures.get(key);
      const contact = c.conversation.contact;
      yield [
        encodeGlobalID('Conversation', c.conversationId),
        c.conversation.externalId,
        c.index + 1,
        contact?.name ?? null,
        maskPhone(contact?.phoneNumber),
        c.conversation.sector ? (c.conversation.sector.name ?? c.conversation.sector.externalId) : null,
        originLabels[c.origin ?? 'DIRECT'],
        [c.originName, c.originSource].filter(Boolean).join(' · ') || null,
        c.conversation.tags.map(({ tag }) => tag.name ?? tag.externalId).join(', ') || null,
        (agentsInOrder.get(key) ?? []).map((id) => nameOf(id)).join(', ') || null,
        c.closedAt ? nameOf(c.resolvedById) : null,
        local(c.startedAt),
        local(c.closedAt),
        f?.queue ?? null,
        f?.first_response ?? null,
        f?.responses ?? 0,
        f?.mean_response ?? null,
        f?.median_response ?? null,
        f?.resolution ?? null,
        transfers.get(key) ?? 0,
        c.index,
        c.outsideBusinessHours,
        f?.first_met ?? null,
        f?.next_judged ? f.next_met : null,
        f?.next_judged ?? 0,
        f?.resolution_met ?? null,
      ];
    }
    if (cycles.length < CHUNK) return;
  }
}

async function figuresOf(app: Pick<App, 'db'>, cycles: CycleRow[], clock: Clock) {
  const { prisma } = app.db;
  const keys = JSON.stringify(
    cycles.map((c) => ({
      conversation_id: c.conversationId,
      cycle_index: c.index,
      started_at: c.startedAt,
      closed_at: c.closedAt,
    })),
  );
  const chunk = Prisma.sql`jsonb_to_recordset(${keys}::jsonb)
    AS k(conversation_id int, cycle_index int, started_at timestamptz, closed_at timestamptz)`;
  const seconds = secondsOf(clock);
  const rows = await prisma.$queryRaw<Figures[]>`
    SELECT s.conversation_id, s.cycle_index,
      max(${seconds}) FILTER (WHERE s.kind = 'QUEUE') AS queue,
      max(${seconds}) FILTER (WHERE s.kind = 'FIRST_RESPONSE') AS first_response,
      (count(*) FILTER (WHERE s.kind = 'RESPONSE'))::int AS responses,
      avg(${seconds}) FILTER (WHERE s.kind = 'RESPONSE') AS mean_response,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds}) FILTER (WHERE s.kind = 'RESPONSE') AS median_response,
      max(${seconds}) FILTER (WHERE s.kind = 'RESOLUTION') AS resolution,
      bool_and(${slaMet}) FILTER (WHERE s.kind = 'FIRST_RESPONSE' AND s.sla_target_seconds IS NOT NULL) AS first_met,
      (count(*) FILTER (WHERE s.kind = 'RESPONSE' AND s.sla_target_seconds IS NOT NULL AND ${slaMet}))::int AS next_met,
      (count(*) FILTER (WHERE s.kind = 'RESPONSE' AND s.sla_target_seconds IS NOT NULL))::int AS next_judged,
      bool_and(${slaMet}) FILTER (WHERE s.kind = 'RESOLUTION' AND s.sla_target_seconds IS NOT NULL) AS resolution_met
    FROM ${chunk}
    JOIN samples s ON s.conversation_id = k.conversation_id AND s.cycle_index = k.cycle_index
    GROUP BY s.conversation_id, s.cycle_index`;
  // Who took the cycle, in order: its assignees and whoever replied in it, each at their first time.
  const people = await prisma.$queryRaw<{ conversation_id: number; cycle_index: number; agent_id: number }[]>`
    SELECT conversation_id, cycle_index, agent_id FROM (
      SELECT k.conversation_id, k.cycle_index, a.to_agent_id AS agent_id, a.at
      FROM ${chunk}
      JOIN assignment_changes a ON a.conversation_id = k.conversation_id AND a.to_agent_id IS NOT NULL
        AND a.at >= k.started_at AND (k.closed_at IS NULL OR a.at <= k.closed_at)
      UNION ALL
      SELECT k.conversation_id, k.cycle_index, m.agent_id, m.sent_at
      FROM ${chunk}
      JOIN messages m ON m.conversation_id = k.conversation_id AND m.cycle_index = k.cycle_index
        AND m.sender = 'AGENT' AND NOT m.is_note AND m.agent_id IS NOT NULL
    ) x
    GROUP BY conversation_id, cycle_index, agent_id
    ORDER BY conversation_id, cycle_index, min(at), agent_id`;
  const moves = await prisma.$queryRaw<{ conversation_id: number; cycle_index: number; transfers: number }[]>`
    SELECT k.conversation_id, k.cycle_index, count(*)::int AS transfers
    FROM ${chunk}
    JOIN assignment_changes a ON a.conversation_id = k.conversation_id AND a.is_transfer
      AND a.at >= k.started_at AND (k.closed_at IS NULL OR a.at <= k.closed_at)
    GROUP BY k.conversation_id, k.cycle_index`;
  const keyOf = (row: { conversation_id: number; cycle_index: number }) =>
    `${row.conversation_id}:${row.cycle_index}`;
  const agentsInOrder = new Map<string, number[]>();
  for (const row of people) {
    const list = agentsInOrder.get(keyOf(row)) ?? [];
    list.push(row.agent_id);
    agentsInOrder.set(keyOf(row), list);
  }
  return {
    figures: new Map(rows.map((row) => [keyOf(row), row])),
    agentsInOrder,
    transfers: new Map(moves.map((row) => [keyOf(row), row.transfers])),
  };
}
