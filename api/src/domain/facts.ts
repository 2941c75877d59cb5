// Platform-neutral facts about a conversation. The Umbler parser produces them; the
// `recordConversationEvent` mutation accepts the same shape, so any chat platform can feed Radar.

export type SenderKind = 'CUSTOMER' | 'AGENT' | 'BOT' | 'OTHER';
export type ContactKind = 'CUSTOMER' | 'GROUP' | 'INTERNAL';

export interface ContactFact {
  externalId: string;
  name: string | null;
  phoneNumber: string | null;
  kind: ContactKind;
}

export interface NamedRef {
  externalId: string;
  name: string | null;
}

export interface FileFact {
  url: string | null;
  contentType: string | null;
  name: string | null;
  sizeBytes: number | null;
}

export interface MessageFact {
  externalId: string;
  sentAt: Date;
  sender: SenderKind;
  isNote: boolean;
  /** External id of the agent who sent it (agent replies and agents' notes). */
  agentExternalId: string | null;
  /** Normalised upper-case message type: TEXT, IMAGE, AUDIO, ... (unknown values kept). */
  type: string;
  text: string | null;
  /** Agent name learned from the signature prefix (`*Amanda 💙:*` gives `Amanda 💙`). */
  signatureName: string | null;
  file: FileFact | null;
  /** The ad the customer came from (Umbler's `Ad`, a click-to-WhatsApp ad), when the message says. */
  ad: AdFact | null;
}

export interface AdFact {
  name: string | null;
  /** Where the ad ran or points to: its URL, or its source type or id. */
  source: string | null;
}

export type ChangeKind =
  | 'MESSAGE_ADDED'
  | 'ASSIGNEE_CHANGED'
  | 'SECTOR_CHANGED'
  | 'TAGS_CHANGED'
  | 'CLOSED'
  | 'PRIVATE_CHANGED'
  | 'CONTACT_SEEN';

/**
 * One snapshot of a conversation at `occurredAt` (Umbler's `EventDate`). Every field but the
 * ids and the time is optional: `undefined` means "this event does not say", `null` means
 * "known to be empty" (for example no assignee).
 */
export interface ConversationEventFact {
  conversationExternalId: string;
  occurredAt: Date;
  /** What this event is about; the snapshot fields below are the state after it. */
  changes: ChangeKind[];
  contact?: ContactFact;
  channel?: (NamedRef & { phoneNumber: string | null }) | null;
  sector?: NamedRef | null;
  tags?: NamedRef[];
  assigneeExternalId?: string | null;
  open?: boolean;
  closedAt?: Date | null;
  private?: boolean;
  botActive?: boolean;
  message?: MessageFact;
}

/** Postgres text cannot hold NUL: it becomes U+FFFD, so the rest of the value is kept. */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

/** `withoutNul` on every string of a fact (or any plain data), dates and numbers untouched. */
export function withoutNulDeep<T>(value: T): T {
  if (typeof value === 'string') return withoutNul(value) as T;
  if (Array.isArray(value)) return value.map(withoutNulDeep) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNulDeep(v)])) as T;
  }
  return value;
}

/** A clock may be a little ahead; a day ahead is a wrong date that would freeze the state. */
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;

/** Why an event dated in the future cannot be applied, or null. */
export function futureDateError(fact: ConversationEventFact, now: Date): string | null {
  const limit = now.getTime() + MAX_CLOCK_AHEAD_MS;
  const dates: [string, Date | null | undefined][] = [
    ['The event time', fact.occurredAt],
    ["The message's time", fact.message?.sentAt],
    ['The close time', fact.closedAt],
  ];
  for (const [what, date] of dates) {
    if (date && date.getTime() > limit) {
      return `${what} ${date.toISOString()} is more than a day in the future; the event is kept but not applied.`;
    }
  }
  return null;
}

/** A size in bytes a file can have and a number can hold exactly. */
export function isFileSize(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}
