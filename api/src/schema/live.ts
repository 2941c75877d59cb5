import { builder, everyRole } from '../builder.js';
import type { Context } from '../context.js';
import { coalesce } from '../pubsub.js';
import { currentValueExtension } from '../shared-subscriptions.js';
import { Agent } from './agent.js';

/**
 * Subscribers get at most one update per window: a change after a quiet moment at once, the
 * changes of a burst gathered at the window's end. Each batch of events publishes one change and
 * every subscriber shares one computation, so the window stays short.
 */
const liveOverviewSettleMs = 30;

interface AgentLoadShape {
  agentId: number;
  openConversations: number;
  waiting: number;
}

interface LiveOverviewShape {
  bot: number;
  queued: number;
  waiting: number;
  inProgress: number;
  longestWaitSince: Date | null;
  agents: AgentLoadShape[];
  slaAtRisk: number;
  slaBreached: number;
}

const AgentLoad = builder.objectRef<AgentLoadShape>('AgentLoad').implement({
  authScopes: everyRole,
  fields: (t) => ({
    agent: t.prismaField({
      type: Agent,
      resolve: (query, load, _args, ctx) =>
        ctx.app.db.prisma.agent.findUniqueOrThrow({ ...query, where: { id: load.agentId } }),
    }),
    openConversations: t.exposeInt('openConversations'),
    waiting: t.exposeInt('waiting', { description: 'Of those, conversations with a customer waiting.' }),
  }),
});

const LiveOverview = builder.objectRef<LiveOverviewShape>('LiveOverview').implement({
  authScopes: everyRole,
  description: 'Open conversations right now (chats between agents left out).',
  fields: (t) => ({
    bot: t.exposeInt('bot'),
    queued: t.exposeInt('queued'),
    waiting: t.exposeInt('waiting'),
    inProgress: t.exposeInt('inProgress'),
    longestWaitSince: t.expose('longestWaitSince', {
      type: 'DateTime',
      nullable: true,
      description: 'The earliest waitingSince among open conversations: the longest current wait.',
    }),
    slaAtRisk: t.exposeInt('slaAtRisk', {
      description: 'Open conversations with a service-level target at risk (75 %), none breached.',
    }),
    slaBreached: t.exposeInt('slaBreached', {
      description: 'Open conversations with a service-level target breached.',
    }),
    agents: t.expose('agents', {
      type: [AgentLoad],
      description: "Each agent's current load, busiest first.",
    }),
  }),
});

export async function liveOverview(ctx: Context): Promise<LiveOverviewShape> {
  const prisma = ctx.app.db.prisma;
  const open = { internal: false, status: { not: 'CLOSED' as const } };
  const [byStatus, byAgent, waitingByAgent, longest, agents, sla] = await Promise.all([
    prisma.conversation.groupBy({ by: ['status'], where: open, _count: { _all: true } }),
    prisma.conversation.groupBy({
      by: ['assigneeId'],
      where: { ...open, assigneeId: { not: null } },
      _count: { _all: true },
    }),
    prisma.conversation.groupBy({
      by: ['assigneeId'],
      where: { ...open, assigneeId: { not: null }, status: 'WAITING' },
      _count: { _all: true },
    }),
    prisma.conversation.aggregate({ where: open, _min: { waitingSince: true } }),
    prisma.agent.findMany({ select: { id: true } }),
    ctx.app.sla.counts(),
  ]);
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const loads = new Map(byAgent.map((row) => [row.assigneeId as number, row._count._all]));
  const waiting = new Map(waitingByAgent.map((row) => [row.assigneeId as number, row._count._all]));
  return {
    bot: count('BOT'),
    queued: count('QUEUED'),
    waiting: count('WAITING'),
    inProgress: count('IN_PROGRESS'),
    longestWaitSince: longest._min.waitingSince,
    slaAtRisk: sla.atRisk,
    slaBreached: sla.breached,
    agents: agents
      .map((agent) => ({
        agentId: agent.id,
        openConversations: loads.get(agent.id) ?? 0,
        waiting: waiting.get(agent.id) ?? 0,
      }))
      .sort((a, b) => b.openConversations - a.openConversations || a.agentId - b.agentId),
  };
}

builder.queryFields((t) => ({
  liveOverview: t.field({ type: LiveOverview, resolve: (_root, _args, ctx) => liveOverview(ctx) }),
}));

builder.subscriptionFields((t) => ({
  liveOverview: t.field({
    type: LiveOverview,
    description: 'The current value at once, then again after every change.',
    extensions: { [currentValueExtension]: true },
    subscribe: async function* (_root, _args, ctx) {
      const changes = coalesce(ctx.app.pubsub.subscribe('liveOverviewChanged'), liveOverviewSettleMs);
      yield await liveOverview(ctx);
      for await (const _ of changes) yield await liveOverview(ctx);
    },
    resolve: (overview) => overview,
  }),
}));
