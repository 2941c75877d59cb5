/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The ad a customer came from (a click-to-WhatsApp ad): its presence alone marks the message. */
export type AdInput = {
  /** The ad's title. */
  name?: string | null | undefined;
  /** Where it ran or points to (a URL, a source type or id). */
  source?: string | null | undefined;
};

export type ChangeKind =
  | 'ASSIGNEE_CHANGED'
  | 'CLOSED'
  | 'CONTACT_SEEN'
  | 'MESSAGE_ADDED'
  | 'PRIVATE_CHANGED'
  | 'SECTOR_CHANGED'
  | 'TAGS_CHANGED';

export type ContactInput = {
  externalId: string;
  /** INTERNAL marks chats between agents. */
  kind?: ContactKind | null | undefined;
  name?: string | null | undefined;
  phoneNumber?: string | null | undefined;
};

export type ContactKind =
  | 'CUSTOMER'
  | 'GROUP'
  | 'INTERNAL';

export type ConversationStatus =
  | 'BOT'
  | 'CLOSED'
  | 'IN_PROGRESS'
  | 'QUEUED'
  | 'WAITING';

export type FileInput = {
  contentType?: string | null | undefined;
  name?: string | null | undefined;
  /** Bytes: a whole number from 0 to 2^53 - 1. */
  sizeBytes?: number | null | undefined;
  url?: string | null | undefined;
};

export type MessageInput = {
  ad?: AdInput | null | undefined;
  /** The agent who sent it. */
  agentExternalId?: string | null | undefined;
  /** Unique per message: a repeated id updates, never duplicates. */
  externalId: string;
  file?: FileInput | null | undefined;
  /** An internal note: never starts or stops a clock. */
  isNote?: boolean | null | undefined;
  sender: SenderKind;
  /** The message's own time. */
  sentAt: string;
  /** The agent's name as signed in the message, if any. */
  signatureName?: string | null | undefined;
  text?: string | null | undefined;
  /** TEXT, IMAGE, AUDIO, ... (default TEXT). */
  type?: string | null | undefined;
};

export type NamedRefInput = {
  externalId: string;
  name?: string | null | undefined;
};

/** What a chat platform knows of a conversation at one moment. Omitted fields mean "not said"; Radar keeps history and lets only newer state replace current state. */
export type RecordConversationEventInput = {
  /** The agent assigned at occurredAt. */
  assigneeExternalId?: string | null | undefined;
  botActive?: boolean | null | undefined;
  /** What this event is about. */
  changes: Array<ChangeKind>;
  channelName?: string | null | undefined;
  /** The conversation has no sector. */
  clearSector?: boolean | null | undefined;
  closedAt?: string | null | undefined;
  contact?: ContactInput | null | undefined;
  conversationExternalId: string;
  /** Idempotency key: the same event recorded twice counts once. */
  eventId: string;
  message?: MessageInput | null | undefined;
  /** When the platform emitted this state. */
  occurredAt: string;
  open?: boolean | null | undefined;
  private?: boolean | null | undefined;
  sector?: NamedRefInput | null | undefined;
  /** The complete current list of tags. */
  tags?: Array<NamedRefInput> | null | undefined;
  /** No agent is assigned at occurredAt. */
  unassigned?: boolean | null | undefined;
};

export type Role =
  | 'ADMIN'
  | 'INTEGRATOR'
  | 'SUPERVISOR';

export type SenderKind =
  | 'AGENT'
  | 'BOT'
  | 'CUSTOMER'
  | 'OTHER';

export type AccessRecordEventMutationVariables = Exact<{
  input: RecordConversationEventInput;
}>;


export type AccessRecordEventMutation = { recordConversationEvent: { id: string, status: ConversationStatus } };

export type AccessCreateTokenMutationVariables = Exact<{
  name: string;
  role: Role;
}>;


export type AccessCreateTokenMutation = { createAccessToken: { secret: string, token: { id: string, name: string, role: Role } } };

export type AccessAgentsQueryVariables = Exact<{ [key: string]: never; }>;


export type AccessAgentsQuery = { agents: Array<{ id: string }> };

export type AccessConversationUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AccessConversationUpdatedSubscription = { conversationUpdated: { externalId: string, status: ConversationStatus, lastMessage: { text: string | null } | null } };

export type AccessMessageAddedSubscriptionVariables = Exact<{
  id?: string | number | null | undefined;
}>;


export type AccessMessageAddedSubscription = { messageAdded: { text: string | null, sender: SenderKind } };

export type AccessLiveQueryVariables = Exact<{ [key: string]: never; }>;


export type AccessLiveQuery = { liveOverview: { waiting: number, queued: number, inProgress: number, bot: number } };

export type AccessLivePushedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AccessLivePushedSubscription = { liveOverview: { waiting: number, queued: number, inProgress: number, bot: number } };


export const AccessRecordEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AccessRecordEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordConversationEventInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordConversationEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<AccessRecordEventMutation, AccessRecordEventMutationVariables>;
export const AccessCreateTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AccessCreateToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"role"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Role"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAccessToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"role"},"value":{"kind":"Variable","name":{"kind":"Name","value":"role"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"token"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<AccessCreateTokenMutation, AccessCreateTokenMutationVariables>;
export const AccessAgentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccessAgents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AccessAgentsQuery, AccessAgentsQueryVariables>;
export const AccessConversationUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AccessConversationUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversationUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]} as unknown as DocumentNode<AccessConversationUpdatedSubscription, AccessConversationUpdatedSubscriptionVariables>;
export const AccessMessageAddedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AccessMessageAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"sender"}}]}}]}}]} as unknown as DocumentNode<AccessMessageAddedSubscription, AccessMessageAddedSubscriptionVariables>;
export const AccessLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccessLive"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveOverview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"waiting"}},{"kind":"Field","name":{"kind":"Name","value":"queued"}},{"kind":"Field","name":{"kind":"Name","value":"inProgress"}},{"kind":"Field","name":{"kind":"Name","value":"bot"}}]}}]}}]} as unknown as DocumentNode<AccessLiveQuery, AccessLiveQueryVariables>;
export const AccessLivePushedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AccessLivePushed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveOverview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"waiting"}},{"kind":"Field","name":{"kind":"Name","value":"queued"}},{"kind":"Field","name":{"kind":"Name","value":"inProgress"}},{"kind":"Field","name":{"kind":"Name","value":"bot"}}]}}]}}]} as unknown as DocumentNode<AccessLivePushedSubscription, AccessLivePushedSubscriptionVariables>;