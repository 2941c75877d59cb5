import { useSubscription } from 'urql';
import { graphql } from '../gql';

export const conversationUpdatedSubscription = graphql(`
  subscription ConversationUpdated {
    conversationUpdated {
      ...LiveConversation
    }
  }
`);

/**
 * Keeps one `conversationUpdated` subscription open for the whole session: the cache merges
 * each push (urql.ts), so every page showing a conversation stays current, and the
 * WebSocket stays up for the connection indicator.
 */
export function LiveUpdates() {
  useSubscription({ query: conversationUpdatedSubscription });
  return null;
}
