import { GraphQLError } from 'graphql';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { type ConversationEventFact, isFileSize } from '../domain/facts.js';
import { assertListSize } from '../graphql-input.js';
import { IngestInputError, ingest } from '../ingest/service.js';
import { Conversation, SenderKindEnum } from './conversation.js';

const ContactKind = builder.enumType('ContactKind', { values: ['CUSTOMER', 'GROUP', 'INTERNAL'] as const });
const ChangeKind = builder.enumType('ChangeKind', {
  values: [
    'MESSAGE_ADDED',
    'ASSIGNEE_CHANGED',
    'SECTOR_CHANGED',
    'TAGS_CHANGED',
    'CLOSED',
    'PRIVATE_CHANGED',
    'CONTACT_SEEN',
  ] as const,
});

const ContactInput = builder.inputType('ContactInput', {
  fields: (t) => ({
    externalId: t.string({ required: true }),
    name: t.string(),
    phoneNumber: t.string(),
    kind: t.field({ type: ContactKind, description: 'INTERNAL marks chats between agents.' }),
  }),
});

const NamedRefInput = builder.inputType('NamedRefInput', {
  fields: (t) => ({ externalId: t.string({ required: true }), name: t.string() }),
});

const FileInput = builder.inputType('FileInput', {
  fields: (t) => ({
    url: t.string(),
    contentType: t.string(),
    name: t.string(),
    sizeBytes: t.float({ description: 'Bytes: a whole number from 0 to 2^53 - 1.' }),
  }),
});

const AdInput = builder.inputType('AdInput', {
  description: 'The ad a customer came from (a click-to-WhatsApp ad): its presence alone marks the message.',
  fields: (t) => ({
    name: t.string({ description: "The ad's title." }),
    source: t.string({ description: 'Where it ran or points to (a URL, a source type or id).' }),
  }),
});

const MessageInput = builder.inputType('MessageInput', {
  fields: (t) => ({
    externalId: t.string({
      required: true,
      description: 'Unique per message: a repeated id updates, never duplicates.',
    }),
    sentAt: t.field({ type: 'DateTime', required: true, description: "The message's own time." }),
    sender: t.field({ type: SenderKindEnum, required: true }),
    isNote: t.boolean({ description: 'An internal note: never starts or stops a clock.' }),
    agentExternalId: t.string({ description: 'The agent who sent it.' }),
    type: t.string({ description: 'TEXT, IMAGE, AUDIO, ... (default TEXT).' }),
    text: t.string(),
    signatureName: t.string({ description: "The agent's name as signed in the message, if any." }),
    file: t.field({ type: FileInput }),
    ad: t.field({ type: AdInput }),
  }),
});

const RecordConversationEventInput = builder.inputType('RecordConversationEventInput', {
  description:
    'What a chat platform knows of a conversation at one moment. Omitted fields mean "not said"; Radar keeps history and lets only newer state replace current state.',
  fields: (t) => ({
    eventId: t.string({
      required: true,
      description: 'Idempotency key: the same event recorded twice counts once.',
    }),
    conversationExternalId: t.string({ required: true }),
    occurredAt: t.field({
      type: 'DateTime',
      required: true,
      description: 'When the platform emitted this state.',
    }),
    changes: t.field({ type: [ChangeKind], required: true, description: 'What this event is about.' }),
    contact: t.field({ type: ContactInput }),
    channelName: t.string(),
    sector: t.field({ type: NamedRefInput }),
    clearSector: t.boolean({ description: 'The conversation has no sector.' }),
    tags: t.field({ type: [NamedRefInput], description: 'The complete current list of tags.' }),
    assigneeExternalId: t.string({ description: 'The agent assigned at occurredAt.' }),
    unassigned: t.boolean({ description: 'No agent is assigned at occurredAt.' }),
    open: t.boolean(),
    closedAt: t.field({ type: 'DateTime' }),
    private: t.boolean(),
    botActive: t.boolean(),
    message: t.field({ type: MessageInput }),
  }),
});

export type RecordConversationEventInputShape = (typeof RecordConversationEventInput)['$inferInput'];

function fileSize(value: number | null | undefined): number | null {
  if (value == null) return null;
  if (!isFileSize(value)) {
    throw new GraphQLError(
      `file.sizeBytes must be a whole number of bytes from 0 to 2^53 - 1; got ${value}.`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  return value;
}

function inputToFact(input: RecordConversationEventInputShape): ConversationEventFact {
  const message = input.message;
  return {
    conversationExternalId: input.conversationExternalId,
    occurredAt: input.occurredAt,
    changes: input.changes,
    contact: input.contact
      ? {
          externalId: input.contact.externalId,
          name: input.contact.name ?? null,
          phoneNumber: input.contact.phoneNumber ?? null,
          kind: input.contact.kind ?? 'CUSTOMER',
        }
      : undefined,
    channel: input.channelName
      ? { externalId: input.channelName, name: input.channelName, phoneNumber: null }
      : undefined,
    sector: input.clearSector
      ? null
      : input.sector
        ? { externalId: input.sector.externalId, name: input.sector.name ?? null }
        : undefined,
    tags: input.tags?.map((tag) => ({ externalId: tag.externalId, name: tag.name ?? null })),
    assigneeExternalId: input.unassigned ? null : (input.assigneeExternalId ?? undefined),
    open: input.open ?? undefined,
    closedAt: input.closedAt ?? undefined,
    private: input.private ?? undefined,
    botActive: input.botActive ?? undefined,
    message: message
      ? {
          externalId: message.externalId,
          sentAt: message.sentAt,
          sender: message.sender,
          isNote: message.isNote ?? false,
          agentExternalId: message.agentExternalId ?? null,
          type: (message.type ?? 'TEXT').toUpperCase(),
          text: message.text ?? null,
          signatureName: message.signatureName ?? null,
          file: message.file
            ? {
                url: message.file.url ?? null,
                contentType: message.file.contentType ?? null,
                name: message.file.name ?? null,
                sizeBytes: fileSize(message.file.sizeBytes),
              }
            : null,
          ad: message.ad ? { name: message.ad.name ?? null, source: message.ad.source ?? null } : null,
        }
      : undefined,
  };
}

export const maxEventsPerRequest = 500;

/** Refused inputs become BAD_USER_INPUT naming the input; the batch is applied whole or not at all. */
async function record(
  ctx: Context,
  inputs: RecordConversationEventInputShape[],
  label: (index: number) => string,
) {
  try {
    return await ingest(
      ctx.app,
      inputs.map((input) => ({ key: input.eventId, fact: inputToFact(input) })),
    );
  } catch (error) {
    if (!(error instanceof IngestInputError)) throw error;
    throw new GraphQLError(`${label(error.index)}${error.message}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
}

const recordDescription =
  'Feeds Radar from any chat platform: the Umbler webhook applies its events through the same service. Idempotent per eventId; any arrival order gives the same history and numbers.';

builder.mutationFields((t) => ({
  recordConversationEvent: t.prismaField({
    type: Conversation,
    description: recordDescription,
    authScopes: { integrator: true },
    args: { input: t.arg({ type: RecordConversationEventInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const [conversationId] = await record(ctx, [input], () => '');
      return ctx.app.db.prisma.conversation.findUniqueOrThrow({ ...query, where: { id: conversationId } });
    },
  }),
  recordConversationEvents: t.prismaField({
    type: [Conversation],
    description: `${recordDescription} Up to ${maxEventsPerRequest} events in one transaction, applied in order exactly as one at a time would; returns each event's conversation, in input order.`,
    authScopes: { integrator: true },
    args: { inputs: t.arg({ type: [RecordConversationEventInput], required: true }) },
    complexity: (args) => ({ field: Array.isArray(args.inputs) ? args.inputs.length : 1, multiplier: 1 }),
    resolve: async (query, _root, { inputs }, ctx) => {
      assertListSize(inputs.length, 'inputs', maxEventsPerRequest);
      const ids = await record(ctx, inputs, (index) => `inputs[${index}]: `);
      const rows = await ctx.app.db.prisma.conversation.findMany({ ...query, where: { id: { in: ids } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) as (typeof rows)[number]);
    },
  }),
}));
