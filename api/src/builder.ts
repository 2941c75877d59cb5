import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import { GraphQLError } from 'graphql';
import type { Context } from './context.js';
import type PrismaTypes from './generated/pothos-types.js';
import { getDatamodel } from './generated/pothos-types.js';
import { fieldComplexity } from './graphql-cost.js';
import { assertListSize, assertNodeTypes, decodeGlobalId } from './graphql-input.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
  AuthScopes: {
    authenticated: boolean;
    admin: boolean;
    supervisor: boolean;
    integrator: boolean;
  };
}>({
  plugins: [ScopeAuthPlugin, ComplexityPlugin, PrismaPlugin, RelayPlugin, SimpleObjectsPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => {
      const role = ctx.viewer?.role;
      return {
        authenticated: role !== undefined,
        admin: role === 'ADMIN',
        supervisor: role === 'ADMIN' || role === 'SUPERVISOR',
        integrator: role === 'ADMIN' || role === 'INTEGRATOR',
      };
    },
    unauthorizedError: (_parent, context) =>
      context.viewer
        ? new GraphQLError('Your token does not allow this operation.', {
            extensions: { code: 'FORBIDDEN' },
          })
        : new GraphQLError('A valid access token is required.', {
            extensions: { code: 'UNAUTHENTICATED' },
          }),
  },
  prisma: {
    client: (ctx) => ctx.app.db.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'error',
  },
  complexity: { fieldComplexity },
  relay: {
    cursorType: 'String',
    clientMutationId: 'omit',
    decodeGlobalID: decodeGlobalId,
    nodeQueryOptions: {
      resolve: (_root, args, _ctx, info, resolveNode) => {
        assertNodeTypes([args.id], info);
        return resolveNode(args.id);
      },
    },
    nodesQueryOptions: {
      resolve: (_root, args, _ctx, info, resolveNodes) => {
        assertListSize(args.ids.length, 'ids');
        assertNodeTypes(args.ids, info);
        return resolveNodes(args.ids);
      },
    },
  },
});

builder.queryType({ authScopes: { authenticated: true } });
builder.mutationType({ authScopes: { authenticated: true } });
builder.subscriptionType({ authScopes: { authenticated: true } });

/** Who may read a type: every object type declares one (a test walks them all). */
export const everyRole = { authenticated: true } as const;
export const adminOnly = { admin: true } as const;
