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
