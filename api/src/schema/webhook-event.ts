import { GraphQLError } from 'graphql';
import { adminOnly, builder } from '../builder.js';
import { assertPageArgs } from '../graphql-input.js';
import { inboxStatus } from '../ingest/inbox.js';
import { replayInboxEvent } from '../ingest/service.js';

const InboxStatusEnum = builder.enumType('InboxStatus', {
  values: ['PENDING', 'PROCESSED', 'IGNORED', 'FAILED'] as const,
});

const WebhookEvent = builder.prismaNode('WebhookEvent', {
  authScopes: adminOnly,
  nullable: true,
  id: { field: 'id' },
  description: 'A webhook delivery as received, kept to audit and replay.',
  fields: (t) => ({
    eventId: t.exposeString('eventId', { nullable: true, description: "The platform's EventId." }),
    type: t.exposeString('type', { nullable: true }),
    status: t.expose('status', { type: InboxStatusEnum }),
    error: t.exposeString('error', {
      nullable: true,
      description: 'Why it failed, or why it was ignored.',
    }),
    attempts: t.exposeInt('attempts', {
      description: "Deliveries received with this EventId, and at least the platform's attempt number.",
    }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
    processedAt: t.expose('processedAt', { type: 'DateTime', nullable: true }),
    rawBody: t.exposeString('rawBody', { description: 'The body exactly as received.' }),
  }),
});

builder.queryFields((t) => ({
  webhookEvents: t.prismaConnection({
    type: WebhookEvent,
    cursor: 'id',
    maxSize: 100,
    defaultSize: 25,
    description: 'The webhook inbox, newest first.',
    authScopes: { admin: true },
    args: { status: t.arg({ type: InboxStatusEnum }) },
    resolve: (query, _parent, args, ctx) => {
      assertPageArgs(args);
      return ctx.app.db.prisma.webhookEvent.findMany({
        ...query,
        where: args.status ? { status: args.status } : {},
        orderBy: { id: 'desc' },
      });
    },
  }),
}));

builder.mutationFields((t) => ({
  replayWebhookEvent: t.prismaField({
    type: WebhookEvent,
    description: 'Processes a FAILED or IGNORED event again from its stored body, for instance after a fix.',
    authScopes: { admin: true },
    args: { id: t.arg.globalID({ required: true, for: WebhookEvent }) },
    resolve: async (query, _root, args, ctx) => {
      const prisma = ctx.app.db.prisma;
      const id = Number(args.id.id);
      const event = await prisma.webhookEvent.findUnique({
        where: { id },
        select: { status: true },
      });
      if (!event) {
        throw new GraphQLError('No webhook event with this id.', { extensions: { code: 'NOT_FOUND' } });
      }
      if (event.status !== 'FAILED' && event.status !== 'IGNORED') {
        throw new GraphQLError(
          `Only FAILED or IGNORED events can be replayed; this one is ${event.status}.`,
          {
            extensions: { code: 'BAD_USER_INPUT' },
          },
        );
      }
      await replayInboxEvent(ctx.app, id);
      return prisma.webhookEvent.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

const IngestStatus = builder.simpleObject('IngestStatus', {
  authScopes: adminOnly,
  description: 'How far behind processing of the inbox is.',
  fields: (t) => ({
    pending: t.int({ description: 'Events received and not yet applied.' }),
    failed: t.int(),
    oldestPendingAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Received time of the oldest PENDING event.',
    }),
    processedPerMinute: t.int({
      description: 'Events done (applied, ignored or failed) in the last minute.',
    }),
  }),
});

builder.queryFields((t) => ({
  ingestStatus: t.field({
    type: IngestStatus,
    authScopes: { admin: true },
    resolve: (_root, _args, ctx) => inboxStatus(ctx.app.db),
  }),
}));
