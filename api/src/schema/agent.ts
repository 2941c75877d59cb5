import { GraphQLError } from 'graphql';
import { builder, everyRole } from '../builder.js';
import type { Context } from '../context.js';

export function agentDisplayName(agent: {
  name: string | null;
  signatureName: string | null;
  externalId: string;
}) {
  return agent.name ?? agent.signatureName ?? `Agente #${agent.externalId.slice(-6)}`;
}

/** Display names of every agent, told apart when two share one: loaded once per operation. */
const displayNames = new WeakMap<Context, Promise<Map<number, string>>>();

/**
 * Each agent's name, with the end of its platform id added when another agent has the same name
 * (case and accents ignored): "Amanda (#3f9a2c)" and "Amanda (#77b1e0)".
 */
export function distinctNames(
  agents: readonly { id: number; name: string | null; signatureName: string | null; externalId: string }[],
): Map<number, string> {
  const key = (name: string) =>
    name.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('pt-BR').trim();
  const named = agents.map((agent) => ({ agent, name: agentDisplayName(agent) }));
  const counts = new Map<string, number>();
  for (const { name } of named) counts.set(key(name), (counts.get(key(name)) ?? 0) + 1);
  return new Map(
    named.map(({ agent, name }) => [
      agent.id,
      (counts.get(key(name)) ?? 0) > 1 && !name.startsWith('Agente #')
        ? `${name.trim()} (#${agent.externalId.slice(-6)})`
        : name,
    ]),
  );
}

function displayNameOf(ctx: Context, id: number): Promise<string | undefined> {
  let names = displayNames.get(ctx);
  if (!names) {
    names = ctx.app.db.prisma.agent
      .findMany({ select: { id: true, name: true, signatureName: true, externalId: true } })
      .then(distinctNames);
    displayNames.set(ctx, names);
  }
  return names.then((map) => map.get(id));
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
    displayName: t.string({
      description:
        'The name, with the end of the platform id added when another agent has the same name (one statement per operation).',
      select: { id: true, name: true, signatureName: true, externalId: true },
      resolve: async (agent, _args, ctx) => (await displayNameOf(ctx, agent.id)) ?? agentDisplayName(agent),
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
