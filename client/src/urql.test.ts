import { Client, type Exchange, makeResult, type Operation, type OperationResult } from 'urql';
import { describe, expect, it } from 'vitest';
import { filter, makeSubject, map, merge, pipe, share, subscribe, tap } from 'wonka';
import { conversationMessagesQuery, messageAddedSubscription } from './components/ChatHistory';
import { liveOverviewQuery, liveOverviewSubscription } from './components/LiveOverview';
import { conversationUpdatedSubscription } from './components/LiveUpdates';
import { openConversationsQuery } from './components/OpenConversations';
import type { ChatMessageFieldsFragment, LiveOverviewFieldsFragment } from './gql/graphql';
import { conversation } from './test/fixtures';
import { createCacheExchange } from './urql';

/** A server stand-in: answers queries from `respond`, and lets the test push subscription data. */
function fakeServer(respond: (operation: Operation) => Record<string, unknown>) {
  const pushed = makeSubject<OperationResult>();
  const subscriptions: Operation[] = [];
  const exchange: Exchange = () => (ops$) => {
    const shared = pipe(ops$, share);
    return merge([
      pipe(
        shared,
        filter((op) => op.kind === 'query'),
        map((op) => makeResult(op, { data: respond(op) })),
      ),
      pipe(
        shared,
        filter((op) => op.kind === 'subscription'),
        tap((op) => subscriptions.push(op)),
        filter(() => false),
        map((op) => makeResult(op, { data: null })),
      ),
      pushed.source,
    ]);
  };
  const push = async (operationName: string, data: Record<string, unknown>) => {
    const op = subscriptions.find((o) =>
      o.query.definitions.some((d) => d.kind === 'OperationDefinition' && d.name?.value === operationName),
    );
    if (!op) throw new Error(`no ${operationName} subscription`);
    pushed.next(makeResult(op, { data }));
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { exchange, push };
}

function watch<T>(source: ReturnType<Client['query']>) {
  const latest: { data?: T } = {};
  pipe(
    source,
    subscribe((result) => {
      latest.data = result.data as T;
    }),
  );
  return latest;
}

const message = (id: string, text: string): ChatMessageFieldsFragment => ({
  __typename: 'Message',
  id,
  externalId: `ext-${id}`,
  sentAt: '2025-03-12T12:00:00.000Z',
  sender: 'CUSTOMER',
  isNote: false,
  type: 'TEXT',
  text,
  responseTime: null,
  agent: null,
  file: null,
});

describe('cache updates from subscriptions', () => {
  it('conversationUpdated adds new open conversations to the live list and removes closed ones', async () => {
    const server = fakeServer(() => ({
      conversations: {
        __typename: 'QueryConversationsConnection',
        totalCount: 1,
        edges: [
          {
            __typename: 'QueryConversationsConnectionEdge',
            node: conversation({ id: 'a', waitingSince: '2025-03-12T12:00:00.000Z' }),
          },
        ],
      },
    }));
    const client = new Client({
      url: '/graphql',
      exchanges: [createCacheExchange(), server.exchange],
    });
    const list = watch<{
      conversations: { totalCount: number; edges: { node: { id: string; status: string } }[] };
    }>(client.query(openConversationsQuery, {}));
    pipe(
      client.subscription(conversationUpdatedSubscription, {}),
      subscribe(() => {}),
    );
    expect(list.data?.conversations.edges.map((e) => e.node.id)).toEqual(['a']);

    await server.push('ConversationUpdated', {
      conversationUpdated: conversation({ id: 'b', status: 'QUEUED', assignee: null }),
    });
    expect(list.data?.conversations.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(list.data?.conversations.totalCount).toBe(2);

    await server.push('ConversationUpdated', {
      conversationUpdated: conversation({ id: 'a', status: 'IN_PROGRESS', waitingSince: null }),
    });
    expect(list.data?.conversations.edges.map((e) => [e.node.id, e.node.status])).toEqual([
      ['a', 'IN_PROGRESS'],
      ['b', 'QUEUED'],
    ]);

    await server.push('ConversationUpdated', {
      conversationUpdated: conversation({
        id: 'a',
        status: 'CLOSED',
        closedAt: '2025-03-12T13:00:00.000Z',
      }),
    });
    expect(list.data?.conversations.edges.map((e) => e.node.id)).toEqual(['b']);
    expect(list.data?.conversations.totalCount).toBe(1);
  });

  it('messageAdded appends to the latest page of that conversation, once', async () => {
    const server = fakeServer(() => ({
      conversation: {
        __typename: 'Conversation',
        id: 'c1',
        messages: {
          __typename: 'ConversationMessagesConnection',
          totalCount: 1,
          pageInfo: { __typename: 'PageInfo', hasPreviousPage: false, startCursor: 'x' },
          edges: [{ __typename: 'ConversationMessagesConnectionEdge', node: message('m1', 'Oi') }],
        },
      },
    }));
    const client = new Client({
      url: '/graphql',
      exchanges: [createCacheExchange(), server.exchange],
    });
    const history = watch<{
      conversation: { messages: { totalCount: number; edges: { node: { id: string } }[] } };
    }>(client.query(conversationMessagesQuery, { id: 'c1' }));
    pipe(
      client.subscription(messageAddedSubscription, { conversationId: 'c1' }),
      subscribe(() => {}),
    );

    await server.push('MessageAdded', { messageAdded: message('m2', 'Tudo bem?') });
    await server.push('MessageAdded', { messageAdded: message('m2', 'Tudo bem?') });
    expect(history.data?.conversation.messages.edges.map((e) => e.node.id)).toEqual(['m1', 'm2']);
    expect(history.data?.conversation.messages.totalCount).toBe(2);
  });

  it('liveOverview replaces Query.liveOverview', async () => {
    const overview = (queued: number): LiveOverviewFieldsFragment => ({
      __typename: 'LiveOverview',
      bot: 1,
      queued,
      waiting: 0,
      inProgress: 2,
      longestWaitSince: null,
      slaAtRisk: 0,
      slaBreached: 0,
      agents: [
        {
          __typename: 'AgentLoad',
          openConversations: 2,
          waiting: 0,
          agent: { __typename: 'Agent', id: 'agent-1', name: 'Ana' },
        },
      ],
    });
    const server = fakeServer(() => ({ liveOverview: overview(3) }));
    const client = new Client({
      url: '/graphql',
      exchanges: [createCacheExchange(), server.exchange],
    });
    const live = watch<{ liveOverview: { queued: number } }>(client.query(liveOverviewQuery, {}));
    pipe(
      client.subscription(liveOverviewSubscription, {}),
      subscribe(() => {}),
    );
    expect(live.data?.liveOverview.queued).toBe(3);
    await server.push('LiveOverviewUpdated', { liveOverview: overview(7) });
    expect(live.data?.liveOverview.queued).toBe(7);
  });
});
