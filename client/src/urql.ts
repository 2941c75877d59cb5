import { type Cache, cacheExchange } from '@urql/exchange-graphcache';
import { createClient as createWsClient } from 'graphql-ws';
import { Client, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { conversationMessagesQuery } from './components/ChatHistory';
import { liveOverviewQuery } from './components/LiveOverview';
import { openConversationsQuery } from './components/OpenConversations';
import type {
  ChatMessageFieldsFragment,
  ConversationMessagesQuery,
  LiveConversationFragment,
  LiveOverviewFieldsFragment,
  LiveOverviewQuery,
  OpenConversationsQuery,
} from './gql/graphql';
import { type ConnectionStore, createConnectionStore } from './lib/connection';
import { databaseStatus } from './lib/database';
import { isUnauthenticated } from './lib/errors';
import { isOpenStatus } from './lib/labels';

export interface RadarClient {
  client: Client;
  connection: ConnectionStore;
  dispose(): void;
}

const noKey = () => null;

/** Types without an id live inside their parent's record. */
const keys = Object.fromEntries(
  [
    'PageInfo',
    'QueryConversationsConnection',
    'QueryConversationsConnectionEdge',
    'ConversationMessagesConnection',
    'ConversationMessagesConnectionEdge',
    'QueryWebhookEventsConnection',
    'QueryWebhookEventsConnectionEdge',
    'DurationStats',
    'MessageCounts',
    'AgentMetrics',
    'TeamMetrics',
    'LiveOverview',
    'AgentLoad',
    'MetricsBucket',
    'HeatmapCell',
    'ResponseTimeBin',
    'Contact',
    'File',
    'TimelineEntry',
    'Cycle',
    'Viewer',
    'ServerInfo',
    'CreatedAccessToken',
    'SlaStatus',
    'SlaAlert',
    'SlaHitRate',
    'SlaHitRates',
    'ResponseRating',
    'SectorMetrics',
    'OriginMetrics',
    'Origin',
    'RatingBand',
    'BusinessHours',
    'BusinessSchedule',
    'BusinessDay',
    'TimeInterval',
    'BusinessSecondsRecomputation',
    'SlaPolicy',
    'Holiday',
  ].map((typename) => [typename, noKey]),
);

/** A pushed conversation joins the open list, or leaves it once closed (or internal). */
function mergeConversation(cache: Cache, conversation: LiveConversationFragment): void {
  const belongs = isOpenStatus(conversation.status) && !conversation.internal;
  cache.updateQuery<OpenConversationsQuery>({ query: openConversationsQuery }, (data) => {
    if (!data) return data;
    const edges = data.conversations.edges;
    const present = edges.some((edge) => edge.node.id === conversation.id);
    if (belongs === present) return data;
    data.conversations = belongs
      ? {
          ...data.conversations,
          totalCount: data.conversations.totalCount + 1,
          edges: [...edges, { __typename: 'QueryConversationsConnectionEdge', node: conversation }],
        }
      : {
          ...data.conversations,
          totalCount: Math.max(0, data.conversations.totalCount - 1),
          edges: edges.filter((edge) => edge.node.id !== conversation.id),
        };
    return data;
  });
}

/** A pushed message is appended to the latest page of its conversation's history. */
function mergeMessage(cache: Cache, conversationId: string, message: ChatMessageFieldsFragment) {
  cache.updateQuery<ConversationMessagesQuery>(
    { query: conversationMessagesQuery, variables: { id: conversationId } },
    (data) => {
      const messages = data?.conversation?.messages;
      if (!data?.conversation || !messages) return data;
      if (messages.edges.some((edge) => edge.node.id === message.id)) return data;
      data.conversation.messages = {
        ...messages,
        totalCount: messages.totalCount + 1,
        edges: [...messages.edges, { __typename: 'ConversationMessagesConnectionEdge', node: message }],
      };
      return data;
    },
  );
}

export function createCacheExchange() {
  return cacheExchange({
    keys,
    updates: {
      Subscription: {
        conversationUpdated(result, _args, cache) {
          const conversation = result.conversationUpdated as LiveConversationFragment | null;
          if (conversation) mergeConversation(cache, conversation);
        },
        messageAdded(result, args, cache) {
          const message = result.messageAdded as ChatMessageFieldsFragment | null;
          const conversationId = args.conversationId;
          if (message && typeof conversationId === 'string') {
            mergeMessage(cache, conversationId, message);
          }
        },
        liveOverview(result, _args, cache) {
          const overview = result.liveOverview as LiveOverviewFieldsFragment | null;
          if (!overview) return;
          cache.updateQuery<LiveOverviewQuery>({ query: liveOverviewQuery }, () => ({
            liveOverview: overview,
          }));
        },
      },
    },
  });
}

function webSocketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/graphql`;
}

const CLOSE_FORBIDDEN = 4403;
const CLOSE_UNAUTHORIZED = 4401;

export function createRadarClient({
  token,
  onUnauthenticated,
}: {
  token: string | null;
  onUnauthenticated?: () => void;
}): RadarClient {
  const authorization = token ? `Bearer ${token}` : null;
  const connection = createConnectionStore(token ? 'connecting' : 'offline');
  let everConnected = false;

  const ws = token
    ? createWsClient({
        url: webSocketUrl,
        connectionParams: () => ({ authorization }),
        lazy: true,
        lazyCloseTimeout: 3_000,
        keepAlive: 15_000,
        retryAttempts: Number.POSITIVE_INFINITY,
        shouldRetry: () => true,
        retryWait: (retries) =>
          new Promise((resolve) =>
            setTimeout(resolve, Math.min(1_000 * 2 ** retries, 10_000) + Math.random() * 500),
          ),
        on: {
          connecting: (isRetry) => connection.set(isRetry || everConnected ? 'reconnecting' : 'connecting'),
          connected: () => {
            everConnected = true;
            connection.set('connected');
          },
          closed: (event) => {
            connection.set('offline');
            const code = (event as { code?: number } | undefined)?.code;
            if (code === CLOSE_FORBIDDEN || code === CLOSE_UNAUTHORIZED) onUnauthenticated?.();
          },
        },
      })
    : null;

  const client = new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-first',
    fetchOptions: (): RequestInit => (authorization ? { headers: { authorization } } : {}),
    exchanges: [
      mapExchange({
        onResult(result) {
          databaseStatus.observe(result.error);
        },
        onError(error) {
          if (token && isUnauthenticated(error)) onUnauthenticated?.();
        },
      }),
      createCacheExchange(),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              if (!ws) {
                sink.error(new Error('Sem sessão'));
                return { unsubscribe() {} };
              }
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return {
    client,
    connection,
    dispose() {
      void ws?.dispose();
    },
  };
}
