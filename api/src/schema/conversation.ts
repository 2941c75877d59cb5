import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { builder, everyRole } from '../builder.js';
import type { Context } from '../context.js';
import type { ConversationEventFact } from '../domain/facts.js';
import type { OriginKind, Prisma } from '../generated/prisma/client.js';
import { assertPageArgs } from '../graphql-input.js';
import { ingest } from '../ingest/service.js';
import { readOncePerChange } from '../shared-subscriptions.js';
import { Agent } from './agent.js';
import { Origin, OriginKindEnum, originOf } from './origins.js';

export const ConversationStatusEnum = builder.enumType('ConversationStatus', {
  values: ['BOT', 'QUEUED', 'WAITING', 'IN_PROGRESS', 'CLOSED'] as const,
});
export const SenderKindEnum = builder.enumType('SenderKind', {
  values: ['CUSTOMER', 'AGENT', 'BOT', 'OTHER'] as const,
});
const TimelineEntryKind = builder.enumType('TimelineEntryKind', {
  values: [
    'ASSIGNED',
    'TRANSFERRED',
    'UNASSIGNED',
    'CLOSED',
    'REOPENED',
    'SECTOR_CHANGED',
    'TAGS_CHANGED',
    'PRIVATE_CHANGED',
  ] as const,
});

builder.prismaObject('Contact', {
  authScopes: everyRole,
  fields: (t) => ({
    externalId: t.exposeString('externalId'),
    name: t.exposeString('name', { nullable: true }),
    phoneNumber: t.exposeString('phoneNumber', { nullable: true }),
  }),
});

export const Sector = builder.prismaNode('Sector', {
  authScopes: everyRole,
  nullable: true,
  id: { field: 'id' },
  fields: (t) => ({
    externalId: t.exposeString('externalId'),
    name: t.exposeString('name', { nullable: true }),
  }),
});

export const Tag = builder.prismaNode('Tag', {
  authScopes: everyRole,
  nullable: true,
  id: { field: 'id' },
  fields: (t) => ({
    externalId: t.exposeString('externalId'),
    name: t.exposeString('name', { nullable: true }),
  }),
});

const File = builder.simpleObject('File', {
  authScopes: everyRole,
  fields: (t) => ({
    url: t.string({ nullable: true }),
    contentType: t.string({ nullable: true }),
    name: t.string({ nullable: true }),
    sizeBytes: t.float({ nullable: true, description: 'Bytes (a whole number; files may exceed 2 GiB).' }),
  }),
});

export const Message = builder.prismaNode('Message', {
  authScopes: everyRole,
  nullable: true,
  id: { field: 'id' },
  fields: (t) => ({
    externalId: t.exposeString('externalId'),
    sentAt: t.expose('sentAt', { type: 'DateTime' }),
    sender: t.expose('sender', { type: SenderKindEnum }),
    isNote: t.exposeBoolean('isNote'),
    agent: t.relation('agent', { nullable: true }),
    type: t.exposeString('type'),
    text: t.exposeString('text', { nullable: true }),
    file: t.field({
      type: File,
      nullable: true,
      select: { fileUrl: true, fileContentType: true, fileName: true, fileSizeBytes: true },
      resolve: (m) =>
        m.fileUrl || m.fileName || m.fileContentType
          ? {
              url: m.fileUrl,
              contentType: m.fileContentType,
              name: m.fileName,
              sizeBytes: m.fileSizeBytes === null ? null : Number(m.fileSizeBytes),
            }
          : null,
    }),
    responseTime: t.exposeFloat('responseTime', {
      nullable: true,
      description: "Seconds the customer waited, when this agent reply ended a customer's wait.",
    }),
  }),
});

builder.prismaObject('Cycle', {
  authScopes: everyRole,
  fields: (t) => ({
    index: t.exposeInt('index'),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    resolvedBy: t.relation('resolvedBy', { nullable: true }),
    outsideBusinessHours: t.exposeBoolean('outsideBusinessHours', {
      description: 'Its first message arrived while the business hours (see businessHours) were closed.',
    }),
    origin: t.field({ type: Origin, resolve: originOf }),
  }),
});

interface TimelineEntryShape {
  kind: (typeof TimelineEntryKind)['$inferType'];
  at: Date;
  agentId?: number | null;
  fromAgentId?: number | null;
  sectorExternalId?: string | null;
  tagExternalIds?: string[];
  private?: boolean;
}

const TimelineEntry = builder.objectRef<TimelineEntryShape>('TimelineEntry').implement({
  authScopes: everyRole,
  description: 'One change in the life of a conversation, oldest first.',
  fields: (t) => ({
    kind: t.field({ type: TimelineEntryKind, resolve: (e) => e.kind }),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    agent: t.prismaField({
      type: Agent,
      nullable: true,
      description: 'The new assignee, or the assignee when the conversation was closed.',
      resolve: (query, e, _args, ctx) =>
        e.agentId ? ctx.app.db.prisma.agent.findUnique({ ...query, where: { id: e.agentId } }) : null,
    }),
    fromAgent: t.prismaField({
      type: Agent,
      nullable: true,
      resolve: (query, e, _args, ctx) =>
        e.fromAgentId ? ctx.app.db.prisma.agent.findUnique({ ...query, where: { id: e.fromAgentId } }) : null,
    }),
    sector: t.prismaField({
      type: Sector,
      nullable: true,
      resolve: (query, e, _args, ctx) =>
        e.sectorExternalId
          ? ctx.app.db.prisma.sector.findUnique({ ...query, where: { externalId: e.sectorExternalId } })
          : null,
    }),
    tags: t.prismaField({
      type: [Tag],
      nullable: true,
      resolve: (query, e, _args, ctx) =>
        e.tagExternalIds
          ? ctx.app.db.prisma.tag.findMany({ ...query, where: { externalId: { in: e.tagExternalIds } } })
          : null,
    }),
    private: t.boolean({ nullable: true, resolve: (e) => e.private ?? null }),
  }),
});

export const Conversation = builder.prismaNode('Conversation', {
  authScopes: everyRole,
  nullable: true,
  id: { field: 'id' },
  fields: (t) => ({
    externalId: t.exposeString('externalId', { description: 'The chat id on the source platform (Umbler).' }),
    outsideBusinessHours: t.boolean({
      description:
        'One of its cycles started while the business hours were closed (Cycle.outsideBusinessHours says which).',
      select: { cycles: { where: { outsideBusinessHours: true }, select: { id: true }, take: 1 } },
      resolve: (conversation) => conversation.cycles.length > 0,
    }),
    origin: t.field({
      type: Origin,
      description: 'The origin of its latest cycle (Cycle.origin gives each one).',
      select: {
        cycles: {
          orderBy: { index: 'desc' },
          take: 1,
          select: { origin: true, originName: true, originSource: true },
        },
      },
      resolve: (conversation) =>
        originOf(conversation.cycles[0] ?? { origin: null, originName: null, originSource: null }),
    }),
    status: t.expose('status', { type: ConversationStatusEnum }),
    internal: t.exposeBoolean('internal', { description: 'A chat between agents: left out of metrics.' }),
    contact: t.relation('contact', { nullable: true }),
    channelName: t.exposeString('channelName', { nullable: true }),
    assignee: t.relation('assignee', { nullable: true }),
    sector: t.relation('sector', { nullable: true }),
    tags: t.field({
      type: [Tag],
      select: (_args, _ctx, nestedSelection) => ({
        tags: { select: { tag: nestedSelection(true) }, orderBy: { tagId: 'asc' } },
      }),
      resolve: (conversation) => conversation.tags.map((link) => link.tag),
    }),
    waitingSince: t.expose('waitingSince', {
      type: 'DateTime',
      nullable: true,
      description: 'Time of the earliest customer message not yet answered by an agent.',
    }),
    openedAt: t.expose('openedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Start of the current cycle.',
    }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    lastMessageAt: t.expose('lastMessageAt', { type: 'DateTime', nullable: true }),
    lastActivityAt: t.expose('lastActivityAt', { type: 'DateTime' }),
    lastMessage: t.relation('lastMessage', { nullable: true }),
    messages: t.relatedConnection('messages', {
      cursor: 'id',
      maxSize: 100,
      defaultSize: 50,
      totalCount: true,
      query: (args) => {
        assertPageArgs(args);
        return { orderBy: [{ sentAt: 'asc' }, { id: 'asc' }] };
      },
    }),
    cycles: t.relation('cycles', { query: { orderBy: { index: 'asc' } } }),
    timeline: t.field({
      type: [TimelineEntry],
      select: {
        assignments: { select: { at: true, fromAgentId: true, toAgentId: true } },
        cycles: { select: { index: true, startedAt: true, closedAt: true, resolvedById: true } },
        changes: { select: { kind: true, at: true, detail: true } },
      },
      resolve: (c) => buildTimeline(c),
    }),
  }),
});

function buildTimeline(c: {
  assignments: { at: Date; fromAgentId: number | null; toAgentId: number | null }[];
  cycles: { index: number; startedAt: Date; closedAt: Date | null; resolvedById: number | null }[];
  changes: { kind: string; at: Date; detail: Prisma.JsonValue }[];
}): TimelineEntryShape[] {
  const entries: TimelineEntryShape[] = [];
  for (const a of c.assignments) {
    const kind = a.toAgentId === null ? 'UNASSIGNED' : a.fromAgentId === null ? 'ASSIGNED' : 'TRANSFERRED';
    entries.push({ kind, at: a.at, agentId: a.toAgentId, fromAgentId: a.fromAgentId });
  }
  for (const cycle of c.cycles) {
    if (cycle.index > 0) entries.push({ kind: 'REOPENED', at: cycle.startedAt });
    if (cycle.closedAt) entries.push({ kind: 'CLOSED', at: cycle.closedAt, agentId: cycle.resolvedById });
  }
  for (const change of c.changes) {
    const detail = (change.detail ?? {}) as {
      sector?: { externalId: string } | null;
      tags?: { externalId: string }[];
      private?: boolean;
    };
    if (change.kind === 'SECTOR_CHANGED') {
      entries.push({
        kind: 'SECTOR_CHANGED',
        at: change.at,
        sectorExternalId: detail.sector?.externalId ?? null,
      });
    } else if (change.kind === 'TAGS_CHANGED') {
      entries.push({
        kind: 'TAGS_CHANGED',
        at: change.at,
        tagExternalIds: (detail.tags ?? []).map((t) => t.externalId),
      });
    } else if (change.kind === 'PRIVATE_CHANGED') {
      entries.push({ kind: 'PRIVATE_CHANGED', at: change.at, private: detail.private ?? false });
    }
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

const ConversationFilter = builder.inputType('ConversationFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [ConversationStatusEnum] }),
    agentId: t.globalID({ for: Agent, description: 'Assigned to, or replied by, this agent.' }),
    tagId: t.globalID({ for: Tag }),
    sectorId: t.globalID({ for: Sector }),
    from: t.field({ type: 'DateTime', description: 'With a message at or after this time.' }),
    to: t.field({ type: 'DateTime', description: 'With a message before this time.' }),
    search: t.string({ description: "Part of the contact's name or phone number." }),
    includeInternal: t.boolean({ description: 'Include chats between agents (left out by default).' }),
    outsideBusinessHours: t.boolean({
      description:
        'Only conversations with (true) or without (false) a cycle that started outside business hours.',
    }),
    waitingLongerThan: t.int({
      description: 'Only conversations whose customer has waited at least this many seconds, now.',
    }),
    origins: t.field({
      type: [OriginKindEnum],
      description: 'Only conversations with a cycle of one of these origins (exports: only those cycles).',
    }),
  }),
});

/** Cycles of one of these origins (an undecided cycle is DIRECT). */
export function cycleOriginWhere(origins: readonly OriginKind[]): Prisma.CycleWhereInput {
  return {
    OR: [{ origin: { in: [...origins] } }, ...(origins.includes('DIRECT') ? [{ origin: null }] : [])],
  };
}

const ConversationOrder = builder.enumType('ConversationOrder', {
  values: {
    ACTIVITY: { description: 'Newest activity first (the default).' },
    WAITING: { description: 'Longest current wait first; conversations nobody waits on come last.' },
    URGENCY: {
      description:
        'Service-level targets breached first (the longest overdue first), then at risk (the soonest due first), then as WAITING. One page: `first` only, no cursor.',
    },
  } as const,
});

const conversationOrders = {
  ACTIVITY: [{ lastActivityAt: 'desc' }, { id: 'desc' }],
  WAITING: [{ waitingSince: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
} satisfies Record<string, Prisma.ConversationOrderByWithRelationInput[]>;

export type ConversationFilterInput = (typeof ConversationFilter)['$inferInput'];

export function conversationWhere(
  filter: ConversationFilterInput | null | undefined,
): Prisma.ConversationWhereInput {
  const and: Prisma.ConversationWhereInput[] = [];
  if (!filter?.includeInternal) and.push({ internal: false });
  if (!filter) return { AND: and };
  if (filter.statuses?.length) and.push({ status: { in: filter.statuses } });
  if (filter.agentId) {
    const agentId = Number(filter.agentId.id);
    and.push({ OR: [{ assigneeId: agentId }, { messages: { some: { agentId } } }] });
  }
  if (filter.tagId) and.push({ tags: { some: { tagId: Number(filter.tagId.id) } } });
  if (filter.sectorId) and.push({ sectorId: Number(filter.sectorId.id) });
  if (filter.outsideBusinessHours != null) {
    const outside = { cycles: { some: { outsideBusinessHours: true } } };
    and.push(filter.outsideBusinessHours ? outside : { NOT: outside });
  }
  if (filter.origins?.length) and.push({ cycles: { some: cycleOriginWhere(filter.origins) } });
  if (filter.waitingLongerThan != null) {
    and.push({ waitingSince: { lte: new Date(Date.now() - filter.waitingLongerThan * 1000) } });
  }
  if (filter.from || filter.to) {
    and.push({
      messages: {
        some: { sentAt: { ...(filter.from && { gte: filter.from }), ...(filter.to && { lt: filter.to }) } },
      },
    });
  }
  const search = filter.search?.trim();
  if (search) {
    const digits = search.replace(/\D/g, '');
    and.push({
      contact: {
        OR: [
          { name: { contains: search, mode: 'insensitive' } },
          ...(digits.length >= 3 ? [{ phoneNumber: { contains: digits } }] : []),
        ],
      },
    });
  }
  return { AND: and };
}

builder.queryFields((t) => ({
  conversations: t.prismaConnection({
    type: Conversation,
    cursor: 'id',
    maxSize: 100,
    defaultSize: 25,
    description: 'Conversations, newest activity first unless `orderBy` says otherwise.',
    args: {
      filter: t.arg({ type: ConversationFilter }),
      orderBy: t.arg({ type: ConversationOrder, defaultValue: 'ACTIVITY' }),
    },
    totalCount: (_parent, args, ctx) => {
      assertPageArgs(args);
      return ctx.app.db.prisma.conversation.count({ where: conversationWhere(args.filter) });
    },
    resolve: async (query, _parent, args, ctx) => {
      assertPageArgs(args);
      const where = conversationWhere(args.filter);
      if (args.orderBy !== 'URGENCY') {
        return ctx.app.db.prisma.conversation.findMany({
          ...query,
          where,
          orderBy: conversationOrders[args.orderBy ?? 'ACTIVITY'],
        });
      }
      if (args.after || args.before || args.last != null) {
        throw new GraphQLError('orderBy URGENCY gives one page: use `first`, without a cursor.', {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      const { cursor: _cursor, skip: _skip, take, ...select } = query;
      const ids = await ctx.app.sla.threatened();
      // Which threatened ones the filter keeps (ids only), then the page's first ones in full.
      const kept = new Set(
        (
          await ctx.app.db.prisma.conversation.findMany({
            where: { AND: [where, { id: { in: ids } }] },
            select: { id: true },
          })
        ).map((row) => row.id),
      );
      const head = ids.filter((id) => kept.has(id)).slice(0, take);
      const rank = new Map(head.map((id, index) => [id, index]));
      const threatened = (
        await ctx.app.db.prisma.conversation.findMany({ ...select, where: { id: { in: head } } })
      ).sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
      const rest = await ctx.app.db.prisma.conversation.findMany({
        ...select,
        where: { AND: [where, { id: { notIn: ids } }] },
        orderBy: conversationOrders.WAITING,
        take: Math.max(0, (take ?? 0) - threatened.length),
      });
      return [...threatened, ...rest];
    },
  }),
  conversation: t.prismaField({
    type: Conversation,
    nullable: true,
    description:
      "One conversation, by Radar's id or by the platform's chat id (Umbler's `Payload.Content.Id`).",
    args: {
      id: t.arg.globalID({ for: Conversation }),
      externalId: t.arg.string(),
    },
    resolve: (query, _root, args, ctx) => {
      if ((args.id == null) === (args.externalId == null)) {
        throw new GraphQLError('Give either id or externalId.', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      return ctx.app.db.prisma.conversation.findUnique({
        ...query,
        where: args.id ? { id: Number(args.id.id) } : { externalId: args.externalId as string },
      });
    },
  }),
  sectors: t.prismaField({
    type: [Sector],
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.sector.findMany({ ...query, orderBy: { name: 'asc' } }),
  }),
  tags: t.prismaField({
    type: [Tag],
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.tag.findMany({ ...query, orderBy: { name: 'asc' } }),
  }),
}));

async function supervisorEvent(
  ctx: Context,
  id: string,
  build: (conversation: {
    externalId: string;
  }) => Promise<Omit<ConversationEventFact, 'conversationExternalId' | 'occurredAt'>>,
): Promise<number> {
  const conversation = await ctx.app.db.prisma.conversation.findUnique({
    where: { id: Number(id) },
    select: { externalId: true },
  });
  if (!conversation)
    throw new GraphQLError('No conversation with this id.', { extensions: { code: 'NOT_FOUND' } });
  const fact = await build(conversation);
  const key = `radar:${ctx.viewer?.tokenId ?? 'admin'}:${randomUUID()}`;
  const [conversationId] = await ingest(ctx.app, [
    { key, fact: { ...fact, conversationExternalId: conversation.externalId, occurredAt: new Date() } },
  ]);
  return conversationId as number;
}

const supervisorNote =
  'Recorded in Radar and published like any change; the source platform stays the system of record, and its later snapshots win.';

builder.mutationFields((t) => ({
  assignConversation: t.prismaField({
    type: Conversation,
    description: `Assigns a conversation to an agent, or back to the queue with a null agentId. ${supervisorNote}`,
    authScopes: { supervisor: true },
    args: {
      id: t.arg.globalID({ required: true, for: Conversation }),
      agentId: t.arg.globalID({ for: Agent }),
    },
    resolve: async (query, _root, args, ctx) => {
      const conversationId = await supervisorEvent(ctx, args.id.id, async () => {
        if (!args.agentId) return { changes: ['ASSIGNEE_CHANGED'], assigneeExternalId: null };
        const agent = await ctx.app.db.prisma.agent.findUnique({ where: { id: Number(args.agentId.id) } });
        if (!agent) throw new GraphQLError('No agent with this id.', { extensions: { code: 'NOT_FOUND' } });
        return { changes: ['ASSIGNEE_CHANGED'], assigneeExternalId: agent.externalId };
      });
      return ctx.app.db.prisma.conversation.findUniqueOrThrow({ ...query, where: { id: conversationId } });
    },
  }),
  closeConversation: t.prismaField({
    type: Conversation,
    description: `Closes the conversation's current cycle now. ${supervisorNote}`,
    authScopes: { supervisor: true },
    args: { id: t.arg.globalID({ required: true, for: Conversation }) },
    resolve: async (query, _root, args, ctx) => {
      const now = new Date();
      const conversationId = await supervisorEvent(ctx, args.id.id, async () => ({
        changes: ['CLOSED'],
        open: false,
        closedAt: now,
      }));
      return ctx.app.db.prisma.conversation.findUniqueOrThrow({ ...query, where: { id: conversationId } });
    },
  }),
  setConversationTags: t.prismaField({
    type: Conversation,
    description: `Replaces the conversation's tags. ${supervisorNote}`,
    authScopes: { supervisor: true },
    args: {
      id: t.arg.globalID({ required: true, for: Conversation }),
      tagIds: t.arg.globalIDList({ required: true, for: Tag }),
    },
    resolve: async (query, _root, args, ctx) => {
      const conversationId = await supervisorEvent(ctx, args.id.id, async () => {
        const ids = args.tagIds.map((tag) => Number(tag.id));
        const tags = await ctx.app.db.prisma.tag.findMany({ where: { id: { in: ids } } });
        if (tags.length !== new Set(ids).size) {
          throw new GraphQLError('One of the tags does not exist.', { extensions: { code: 'NOT_FOUND' } });
        }
        return {
          changes: ['TAGS_CHANGED'],
          tags: tags.map((tag) => ({ externalId: tag.externalId, name: tag.name })),
        };
      });
      return ctx.app.db.prisma.conversation.findUniqueOrThrow({ ...query, where: { id: conversationId } });
    },
  }),
}));

builder.subscriptionFields((t) => ({
  conversationUpdated: t.prismaField({
    type: Conversation,
    description: 'Every change to any conversation: message, status, assignment, tags, close.',
    subscribe: (_root, _args, ctx) => ctx.app.pubsub.subscribe('conversationUpdated'),
    resolve: (query, payload: { conversationId: number }, _args, ctx) =>
      readOncePerChange(payload, 'conversation', query, (merged) =>
        ctx.app.db.prisma.conversation.findUniqueOrThrow({
          ...merged,
          where: { id: payload.conversationId },
        }),
      ),
  }),
  messageAdded: t.prismaField({
    type: Message,
    args: { conversationId: t.arg.globalID({ for: Conversation }) },
    subscribe: async function* (_root, args, ctx) {
      const wanted = args.conversationId ? Number(args.conversationId.id) : null;
      for await (const payload of ctx.app.pubsub.subscribe('messageAdded')) {
        if (wanted === null || payload.conversationId === wanted) yield payload;
      }
    },
    resolve: (query, payload: { messageId: number }, _args, ctx) =>
      readOncePerChange(payload, 'message', query, (merged) =>
        ctx.app.db.prisma.message.findUniqueOrThrow({ ...merged, where: { id: payload.messageId } }),
      ),
  }),
}));
