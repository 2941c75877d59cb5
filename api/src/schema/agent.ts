import { GraphQLError } from 'graphql';
import { builder, everyRole } from '../builder.js';

export function agentDisplayName(agent: {
  name: string | null;
  signatureName: string | null;
  externalId: string;
}) {
  return agent.name ?? agent.signatureName ?? `Agente #${agent.externalId.slice(-6)}`;
}

export const Agent = builder.prismaNode('Agent', {
  authScopes: everyRole,
  nullable: true,
  id: { field: 'id' },
  fields: (t) => ({
    externalId: t.exposeString('externalId'),
    name: t.string({
      description: 'The name an admin set, else the signature of their messages, else a label from the id.',
      select: { name: true, signatureName: true, externalId: true },
      resolve: agentDisplayName,
    }),
    openConversations: t.relationCount('conversations', {
      where: { status: { not: 'CLOSED' }, internal: false },
    }),
  }),
});

builder.queryFields((t) => ({
  agents: t.prismaField({
    type: [Agent],
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.agent.findMany({
        ...query,
        orderBy: [{ name: 'asc' }, { signatureName: 'asc' }, { id: 'asc' }],
      }),
  }),
}));

builder.mutationFields((t) => ({
  setAgentName: t.prismaField({
    type: Agent,
    description: 'Names an agent (Umbler sends only ids); null goes back to the learned signature.',
    authScopes: { admin: true },
    args: { id: t.arg.globalID({ required: true, for: Agent }), name: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      const name = args.name?.trim() || null;
      if (name && name.length > 80) {
        throw new GraphQLError('The name must be at most 80 characters.', {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      const id = Number(args.id.id);
      const found = await ctx.app.db.prisma.agent.findUnique({ where: { id }, select: { id: true } });
      if (!found) throw new GraphQLError('No agent with this id.', { extensions: { code: 'NOT_FOUND' } });
      const agent = await ctx.app.db.prisma.agent.update({ ...query, where: { id }, data: { name } });
      ctx.app.pubsub.publish('liveOverviewChanged', {});
      return agent;
    },
  }),
}));
