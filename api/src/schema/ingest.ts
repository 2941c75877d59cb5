import { GraphQLError } from 'graphql';
import { builder } from '../builder.js';
import { type ConversationEventFact, isFileSize } from '../domain/facts.js';
import { applyConversationEvent, Conversation, SenderKindEnum } from './conversation.js';

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

/** The GraphQL input that carries a fact: what the Umbler shim sends through the mutation. */
export function factToInput(eventId: string, fact: ConversationEventFact) {
  const { message, sector, assigneeExternalId } = fact;
  return {
    eventId,
    conversationExternalId: fact.conversationExternalId,
    occurredAt: fact.occurredAt.toISOString(),
    changes: fact.changes,
    contact: fact.contact ?? null,
    channelName: fact.channel?.name ?? null,
    sector: sector ?? null,
    clearSector: sector === null,
    tags: fact.tags ?? null,
    assigneeExternalId: assigneeExternalId ?? null,
    unassigned: assigneeExternalId === null,
    open: fact.open ?? null,
    closedAt: fact.closedAt?.toISOString() ?? null,
    private: fact.private ?? null,
    botActive: fact.botActive ?? null,
    message: message ? { ...message, sentAt: message.sentAt.toISOString() } : null,
  };
}

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
        }
      : undefined,
  };
}

builder.mutationFields((t) => ({
  recordConversationEvent: t.prismaField({
    type: Conversation,
    description:
      'Feeds Radar from any chat platform: the Umbler webhook runs this same mutation. Idempotent per eventId; any arrival order gives the same history and numbers.',
    authScopes: { integrator: true },
    args: { input: t.arg({ type: RecordConversationEventInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const conversationId = await applyConversationEvent(ctx, input.eventId, inputToFact(input));
      return ctx.app.db.prisma.conversation.findUniqueOrThrow({ ...query, where: { id: conversationId } });
    },
  }),
}));
