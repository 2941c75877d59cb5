import { builder, everyRole } from '../builder.js';

export const RoleEnum = builder.enumType('Role', {
  values: ['ADMIN', 'SUPERVISOR', 'INTEGRATOR'] as const,
});

const Viewer = builder.simpleObject('Viewer', {
  authScopes: everyRole,
  fields: (t) => ({ name: t.string(), role: t.field({ type: RoleEnum }) }),
});

const ServerInfo = builder.simpleObject('ServerInfo', {
  authScopes: everyRole,
  fields: (t) => ({
    timeZone: t.string({ description: 'The organization time zone of periods and buckets.' }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: Viewer,
    resolve: (_root, _args, ctx) => ({
      name: ctx.viewer?.name ?? '',
      role: ctx.viewer?.role ?? 'INTEGRATOR',
    }),
  }),
  serverInfo: t.field({
    type: ServerInfo,
    resolve: (_root, _args, ctx) => ({ timeZone: ctx.app.config.timeZone }),
  }),
}));
