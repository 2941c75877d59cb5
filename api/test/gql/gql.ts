/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation AccessRecordEvent($input: RecordConversationEventInput!) {\n    recordConversationEvent(input: $input) { id status }\n  }\n": typeof types.AccessRecordEventDocument,
    "\n  mutation AccessCreateToken($name: String!, $role: Role!) {\n    createAccessToken(name: $name, role: $role) { secret token { id name role } }\n  }\n": typeof types.AccessCreateTokenDocument,
    "query AccessAgents { agents { id } }": typeof types.AccessAgentsDocument,
    "\n  subscription AccessConversationUpdated {\n    conversationUpdated { externalId status lastMessage { text } }\n  }\n": typeof types.AccessConversationUpdatedDocument,
    "\n  subscription AccessMessageAdded($id: ID) { messageAdded(conversationId: $id) { text sender } }\n": typeof types.AccessMessageAddedDocument,
    "query AccessLive { liveOverview { waiting queued inProgress bot } }": typeof types.AccessLiveDocument,
    "\n  subscription AccessLivePushed { liveOverview { waiting queued inProgress bot } }\n": typeof types.AccessLivePushedDocument,
};
const documents: Documents = {
    "\n  mutation AccessRecordEvent($input: RecordConversationEventInput!) {\n    recordConversationEvent(input: $input) { id status }\n  }\n": types.AccessRecordEventDocument,
    "\n  mutation AccessCreateToken($name: String!, $role: Role!) {\n    createAccessToken(name: $name, role: $role) { secret token { id name role } }\n  }\n": types.AccessCreateTokenDocument,
    "query AccessAgents { agents { id } }": types.AccessAgentsDocument,
    "\n  subscription AccessConversationUpdated {\n    conversationUpdated { externalId status lastMessage { text } }\n  }\n": types.AccessConversationUpdatedDocument,
    "\n  subscription AccessMessageAdded($id: ID) { messageAdded(conversationId: $id) { text sender } }\n": types.AccessMessageAddedDocument,
    "query AccessLive { liveOverview { waiting queued inProgress bot } }": types.AccessLiveDocument,
    "\n  subscription AccessLivePushed { liveOverview { waiting queued inProgress bot } }\n": types.AccessLivePushedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccessRecordEvent($input: RecordConversationEventInput!) {\n    recordConversationEvent(input: $input) { id status }\n  }\n"): (typeof documents)["\n  mutation AccessRecordEvent($input: RecordConversationEventInput!) {\n    recordConversationEvent(input: $input) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccessCreateToken($name: String!, $role: Role!) {\n    createAccessToken(name: $name, role: $role) { secret token { id name role } }\n  }\n"): (typeof documents)["\n  mutation AccessCreateToken($name: String!, $role: Role!) {\n    createAccessToken(name: $name, role: $role) { secret token { id name role } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccessAgents { agents { id } }"): (typeof documents)["query AccessAgents { agents { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AccessConversationUpdated {\n    conversationUpdated { externalId status lastMessage { text } }\n  }\n"): (typeof documents)["\n  subscription AccessConversationUpdated {\n    conversationUpdated { externalId status lastMessage { text } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AccessMessageAdded($id: ID) { messageAdded(conversationId: $id) { text sender } }\n"): (typeof documents)["\n  subscription AccessMessageAdded($id: ID) { messageAdded(conversationId: $id) { text sender } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccessLive { liveOverview { waiting queued inProgress bot } }"): (typeof documents)["query AccessLive { liveOverview { waiting queued inProgress bot } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AccessLivePushed { liveOverview { waiting queued inProgress bot } }\n"): (typeof documents)["\n  subscription AccessLivePushed { liveOverview { waiting queued inProgress bot } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;