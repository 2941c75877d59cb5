import { z } from 'zod';
import {
  type AdFact,
  type ChangeKind,
  type ContactKind,
  type ConversationEventFact,
  isFileSize,
  type MessageFact,
  type NamedRef,
  type SenderKind,
} from './facts.js';

export type ParseResult =
  | {
      kind: 'event';
      eventId: string;
      type: UmblerEventType;
      eventDate: Date;
      fact: ConversationEventFact;
    }
  | { kind: 'ignored'; eventId: string | null; type: string | null; reason: string }
  | { kind: 'invalid'; eventId: string | null; type: string | null; error: string };

const CHANGES = {
  Message: ['MESSAGE_ADDED'],
  MessageFileUploaded: ['MESSAGE_ADDED'],
  ChatClosed: ['CLOSED'],
  MemberTransfer: ['ASSIGNEE_CHANGED'],
  ChatSectorChanged: ['SECTOR_CHANGED'],
  ChatPrivateStatusChanged: ['PRIVATE_CHANGED'],
  ChatTagChanged: ['TAGS_CHANGED'],
  NewChat: ['CONTACT_SEEN'],
} as const satisfies Record<string, readonly ChangeKind[]>;

export type UmblerEventType = keyof typeof CHANGES;

const KNOWN_TYPES = new Map(
  Object.keys(CHANGES).map((type) => [type.toLowerCase(), type as UmblerEventType]),
);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i, 'must be an ISO 8601 date')
  // A missing zone would make `Date` read local time; Umbler's times are all UTC.
  .transform((text) => new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`));

/** Umbler's ids have 16 characters; a much longer one is not an id. */
export const MAX_ID_LENGTH = 128;

const text = z.string().nullish();
const id = z.string().max(MAX_ID_LENGTH).nullish();
const ref = z.object({ Id: id });
const namedRef = z.object({ Id: id, Name: text });
const tags = z.array(namedRef).nullish();

const messageSchema = z.object({
  Id: id,
  EventAtUTC: isoDate.nullish(),
  Source: text,
  IsPrivate: z.boolean().nullish(),
  MessageType: text,
  Content: text,
  Prefix: text,
  SentByOrganizationMember: ref.nullish(),
  File: z
    .object({
      Url: text,
      ContentType: text,
      OriginalName: text,
      OriginalSizeBytes: z.number().nullish(),
      Caption: text,
    })
    .nullish(),
  // Never seen filled: any shape is kept, and read by the names Meta's click-to-WhatsApp referral uses.
  Ad: z.unknown().optional(),
});

const contentSchema = z.object({
  Id: id,
  Open: z.boolean().nullish(),
  ClosedAtUTC: isoDate.nullish(),
  Private: z.boolean().nullish(),
  Contact: z.object({ Id: id, Name: text, PhoneNumber: text, ContactType: text, Tags: tags }).nullish(),
  Channel: z.object({ Id: id, Name: text, PhoneNumber: text }).nullish(),
  Sector: namedRef.nullish(),
  Tags: tags,
  OrganizationMember: ref.nullish(),
  Bots: z.array(z.object({ Status: text })).nullish(),
  Message: messageSchema.nullish(),
  LastMessage: messageSchema.nullish(),
});

const envelopeSchema = z.object({
  Type: text,
  EventId: id,
  EventDate: isoDate.nullish(),
  Payload: z.object({ Content: contentSchema.nullish() }).nullish(),
});

type Content = z.infer<typeof contentSchema>;
type UmblerMessage = z.infer<typeof messageSchema>;

function collectKeys(schema: z.ZodType, into: Set<string>): Set<string> {
  if (schema instanceof z.ZodObject) {
    for (const [key, value] of Object.entries(schema.shape)) {
      into.add(key);
      collectKeys(value as z.ZodType, into);
    }
  } else if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    collectKeys(schema.unwrap() as z.ZodType, into);
  } else if (schema instanceof z.ZodArray) {
    collectKeys(schema.element as z.ZodType, into);
  }
  return into;
}

const CANONICAL_KEYS = new Map(
  [...collectKeys(envelopeSchema, new Set())].map((key) => [key.toLowerCase(), key]),
);

/** Each key as received, to the schema's spelling (or itself): real bodies use few spellings. */
const spelled = new Map<string, string>();
const canonicalKey = (key: string): string => {
  let canonical = spelled.get(key);
  if (canonical === undefined) {
    canonical = CANONICAL_KEYS.get(key.toLowerCase()) ?? key;
    if (spelled.size < 10_000) spelled.set(key, canonical);
  }
  return canonical;
};

/** Webhooks send PascalCase and the REST API camelCase: rename every known key to the schema's spelling. */
function canonicalizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalizeKeys);
  if (!isPlainObject(value)) return value;
  const renamed: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const inner = canonicalizeKeys(value[key]);
    // An own `__proto__` (JSON can carry one) stays a plain key, never the prototype.
    if (key === '__proto__')
      Object.defineProperty(renamed, key, {
        value: inner,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else renamed[canonicalKey(key)] = inner;
  }
  return renamed;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The old uTalk webhooks posted `application/x-www-form-urlencoded` bodies such as
 * `event=chat&contact[number]=...`.
 */
export function isLegacyFormEncoded(text: string): boolean {
  const trimmed = text.trim();
  if (!/^[\w%[\]-]+=/.test(trimmed)) return false;
  const params = new URLSearchParams(trimmed);
  return params.has('event') || [...params.keys()].some((key) => /^(contact|chat)\[/.test(key));
}

export function parseUmblerWebhook(body: unknown): ParseResult {
  if (typeof body === 'string' && isLegacyFormEncoded(body)) {
    return invalid(
      null,
      null,
      'legacy uTalk form-encoded body is not supported: register the webhook in Umbler Talk to receive JSON',
    );
  }
  if (!isPlainObject(body)) return invalid(null, null, 'body must be a JSON object');

  const raw = canonicalizeKeys(body) as Record<string, unknown>;
  const rawType = typeof raw.Type === 'string' && raw.Type !== '' ? raw.Type.slice(0, MAX_ID_LENGTH) : null;
  if (typeof raw.EventId === 'string' && raw.EventId.length > MAX_ID_LENGTH) {
    const error = `EventId has ${raw.EventId.length} characters; at most ${MAX_ID_LENGTH} are accepted`;
    return invalid(null, rawType, error);
  }
  const eventId = typeof raw.EventId === 'string' && raw.EventId !== '' ? raw.EventId : null;
  if (rawType === null) {
    return invalid(eventId, null, raw.Type == null ? 'Type is required' : 'Type must be a string');
  }
  const type = KNOWN_TYPES.get(rawType.toLowerCase());
  if (!type) {
    return { kind: 'ignored', eventId, type: rawType, reason: `unknown event type ${rawType}` };
  }

  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) return invalid(eventId, type, formatIssues(parsed.error.issues));
  const { EventDate: eventDate, Payload: payload } = parsed.data;

  if (eventId === null) return invalid(null, type, required('EventId'));
  if (!eventDate) return invalid(eventId, type, required('EventDate'));
  if (!payload) return invalid(eventId, type, required('Payload'));
  const content = payload.Content;
  if (!content) return invalid(eventId, type, required('Payload.Content'));
  if (!content.Id) return invalid(eventId, type, required('Payload.Content.Id'));

  const message = readMessage(content, type);
  if (typeof message === 'string') return invalid(eventId, type, message);
  if (type === 'ChatClosed' && !content.ClosedAtUTC) {
    return invalid(eventId, type, required('Payload.Content.ClosedAtUTC'));
  }

  const fact: ConversationEventFact = {
    conversationExternalId: content.Id,
    occurredAt: eventDate,
    changes: [...CHANGES[type]],
    ...snapshot(content),
    ...(message && { message }),
  };
  return { kind: 'event', eventId, type, eventDate, fact };
}

function invalid(eventId: string | null, type: string | null, error: string): ParseResult {
  return { kind: 'invalid', eventId, type, error };
}

function required(path: string): string {
  return `${path} is required`;
}

function formatIssues(issues: z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
}

/**
 * The message an event carries, or an error. Snapshot events (ChatClosed, MemberTransfer, ...)
 * repeat the chat's LastMessage: it is returned too, because the store dedupes messages by id and
 * a snapshot may be the only delivery of a message whose own `Message` event was lost.
 */
function readMessage(content: Content, type: UmblerEventType): MessageFact | null | string {
  const message = content.Message ?? content.LastMessage;
  const field = content.Message || (!message && type === 'MessageFileUploaded') ? 'Message' : 'LastMessage';
  const path = `Payload.Content.${field}`;
  if (!message?.Id) {
    if (type !== 'Message' && type !== 'MessageFileUploaded') return null;
    return required(message ? `${path}.Id` : path);
  }
  if (!message.EventAtUTC) return required(`${path}.EventAtUTC`);
  return toMessageFact(message as UmblerMessage & { Id: string; EventAtUTC: Date });
}

function toMessageFact(message: UmblerMessage & { Id: string; EventAtUTC: Date }): MessageFact {
  const file = message.File;
  return {
    externalId: message.Id,
    sentAt: message.EventAtUTC,
    sender: senderKind(message.Source),
    isNote: message.IsPrivate === true,
    agentExternalId: message.SentByOrganizationMember?.Id ?? null,
    type: (message.MessageType ?? 'UNKNOWN').toUpperCase(),
    text: message.Content ?? file?.Caption ?? null,
    signatureName: signatureName(message.Prefix),
    file: file
      ? {
          url: file.Url ?? null,
          contentType: file.ContentType ?? null,
          name: file.OriginalName ?? null,
          // An impossible size is dropped; the raw body keeps what was sent.
          sizeBytes:
            file.OriginalSizeBytes != null && isFileSize(file.OriginalSizeBytes)
              ? file.OriginalSizeBytes
              : null,
        }
      : null,
    ad: adFact(message.Ad),
  };
}

/**
 * Any `Ad` but null, false or empty marks the message as from an ad, even when none of its names
 * are known; keys are compared case-insensitively.
 */
export function adFact(ad: unknown): AdFact | null {
  if (ad == null || ad === false || ad === '') return null;
  if (typeof ad !== 'object' || Array.isArray(ad)) return { name: String(ad).slice(0, 500), source: null };
  const byKey = new Map(Object.entries(ad).map(([key, value]) => [key.toLowerCase(), value]));
  const first = (...keys: string[]) => {
    for (const key of keys) {
      const value = byKey.get(key);
      if ((typeof value === 'string' && value.trim()) || typeof value === 'number')
        return String(value).trim().slice(0, 500);
    }
    return null;
  };
  return {
    name: first('title', 'headline', 'name', 'body'),
    source: first('sourceurl', 'url', 'sourcetype', 'source', 'sourceid', 'id'),
  };
}

function senderKind(source: string | null | undefined): SenderKind {
  switch (source?.toLowerCase()) {
    case 'contact':
      return 'CUSTOMER';
    case 'member':
      return 'AGENT';
    case 'bot':
      return 'BOT';
    default:
      return 'OTHER';
  }
}

/** `*Amanda 💙:*` gives `Amanda 💙`. */
export function signatureName(prefix: string | null | undefined): string | null {
  const name = prefix?.match(/^\s*\**\s*(.*?)\s*:?\s*\**\s*$/su)?.[1];
  return name ? name : null;
}

function contactKind(contactType: string | null | undefined): ContactKind {
  switch (contactType?.toLowerCase()) {
    case 'group':
      return 'GROUP';
    case 'memberdirectmessage':
    case 'membergroup':
      return 'INTERNAL';
    default:
      return 'CUSTOMER';
  }
}

function namedRefOf(value: { Id?: string | null; Name?: string | null } | null | undefined) {
  return value?.Id ? { externalId: value.Id, name: value.Name ?? null } : null;
}

/**
 * The state a snapshot shows. A field missing from the body stays `undefined` ("this event does
 * not say"), so a partial body never erases what an older snapshot said; an explicit null does.
 */
type Snapshot = Omit<ConversationEventFact, 'conversationExternalId' | 'occurredAt' | 'changes' | 'message'>;

function snapshot(content: Content): Snapshot {
  const { Contact: contact, Channel: channel } = content;
  const fact: Snapshot = {};
  if (contact?.Id) {
    fact.contact = {
      externalId: contact.Id,
      name: contact.Name ?? null,
      phoneNumber: contact.PhoneNumber ?? null,
      kind: contactKind(contact.ContactType),
    };
  }
  if (channel !== undefined) {
    const ref = namedRefOf(channel);
    fact.channel = ref && { ...ref, phoneNumber: channel?.PhoneNumber ?? null };
  }
  if (content.Sector !== undefined) fact.sector = namedRefOf(content.Sector);
  if (content.Tags != null || contact?.Tags != null) {
    const byId = new Map<string, NamedRef>();
    for (const tag of [...(content.Tags ?? []), ...(contact?.Tags ?? [])]) {
      const ref = namedRefOf(tag);
      if (ref && !byId.has(ref.externalId)) byId.set(ref.externalId, ref);
    }
    fact.tags = [...byId.values()];
  }
  if (content.OrganizationMember !== undefined) {
    fact.assigneeExternalId = content.OrganizationMember?.Id ?? null;
  }
  if (content.Open != null) fact.open = content.Open;
  if (content.ClosedAtUTC !== undefined) fact.closedAt = content.ClosedAtUTC;
  if (content.Private != null) fact.private = content.Private;
  if (content.Bots != null) {
    fact.botActive = content.Bots.some((bot) => bot.Status?.toLowerCase() === 'active');
  }
  return fact;
}
