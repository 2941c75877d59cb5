import { GraphQLError } from 'graphql';
import { generateSecret, hashToken } from '../auth.js';
import { adminOnly, builder } from '../builder.js';
import { RoleEnum } from './viewer.js';

const AccessToken = builder.prismaNode('AccessToken', {
  authScopes: adminOnly,
  nullable: true,
  id: { field: 'id' },
  fields: (t) => ({
    name: t.exposeString('name'),
    role: t.expose('role', { type: RoleEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const CreatedAccessToken = builder.simpleObject('CreatedAccessToken', {
  authScopes: adminOnly,
  fields: (t) => ({
    token: t.field({ type: AccessToken }),
    secret: t.string({ description: 'Shown once: only a hash is stored.' }),
  }),
});

builder.queryFields((t) => ({
  accessTokens: t.prismaField({
    type: [AccessToken],
    authScopes: { admin: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.accessToken.findMany({ ...query, orderBy: { createdAt: 'desc' } }),
  }),
}));

builder.mutationFields((t) => ({
  createAccessToken: t.field({
    type: CreatedAccessToken,
    authScopes: { admin: true },
    args: { name: t.arg.string({ required: true }), role: t.arg({ type: RoleEnum, required: true }) },
    resolve: async (_root, args, ctx) => {
      const name = args.name.trim();
      if (!name || name.length > 80) {
        throw new GraphQLError('The name must have 1 to 80 characters.', {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      const secret = `rdr_${generateSecret()}`;
      const token = await ctx.app.db.prisma.accessToken.create({
        data: { name, role: args.role, tokenHash: hashToken(secret) },
      });
      return { token, secret };
    },
  }),
  revokeAccessToken: t.prismaField({
    type: AccessToken,
    authScopes: { admin: true },
    args: { id: t.arg.globalID({ required: true, for: AccessToken }) },
    resolve: async (query, _root, args, ctx) => {
      const id = Number(args.id.id);
      const found = await ctx.app.db.prisma.accessToken.findUnique({ where: { id } });
      if (!found)
        throw new GraphQLError('No access token with this id.', { extensions: { code: 'NOT_FOUND' } });
      const revoked = await ctx.app.db.prisma.accessToken.update({
        ...query,
        where: { id },
        data: { revokedAt: found.revokedAt ?? new Date() },
      });
      ctx.app.pubsub.publish('accessTokenChanged', { tokenId: id });
      return revoked;
    },
  }),
}));
