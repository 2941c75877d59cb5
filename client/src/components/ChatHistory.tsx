import { Fragment, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useClient, useQuery, useSubscription } from 'urql';
import { graphql } from '../gql';
import type { ChatMessageFieldsFragment, TimelineEntryFieldsFragment } from '../gql/graphql';
import { useOnReconnect } from '../lib/connection';
import { formatLongDate } from '../lib/format';
import { calendarDateIn } from '../lib/time';
import { ChatMessage } from './ChatMessage';
import { EmptyState, ErrorState, LoadingState } from './States';
import { keyTimeline, TimelineEvent } from './Timeline';

export const MESSAGES_PAGE_SIZE = 100;

/** The latest page (no `before`) is the one `messageAdded` appends to (see urql.ts). */
export const conversationMessagesQuery = graphql(`
  query ConversationMessages($id: ID!, $before: String) {
    conversation(id: $id) {
      id
      messages(last: 100, before: $before) {
        totalCount
        pageInfo {
          hasPreviousPage
          startCursor
        }
        edges {
          node {
            ...ChatMessageFields
          }
        }
      }
    }
  }
`);

export const messageAddedSubscription = graphql(`
  subscription MessageAdded($conversationId: ID!) {
    messageAdded(conversationId: $conversationId) {
      ...ChatMessageFields
    }
  }
`);

type Item =
  | { kind: 'message'; at: number; message: ChatMessageFieldsFragment }
  | { kind: 'event'; at: number; entry: TimelineEntryFieldsFragment; key: string };

interface OlderPages {
  messages: ChatMessageFieldsFragment[];
  startCursor: string | null;
  hasPreviousPage: boolean;
}

export function ChatHistory({
  conversationId,
  contactName,
  timeline,
  timeZone,
}: {
  conversationId: string;
  contactName: string;
  timeline: readonly TimelineEntryFieldsFragment[];
  timeZone: string;
}) {
  const client = useClient();
  const variables = useMemo(() => ({ id: conversationId }), [conversationId]);
  const [result, reexecute] = useQuery({
    query: conversationMessagesQuery,
    variables,
    requestPolicy: 'cache-and-network',
  });
  useSubscription({ query: messageAddedSubscription, variables: { conversationId } });
  useOnReconnect(() => reexecute({ requestPolicy: 'network-only' }));

  const [older, setOlder] = useState<OlderPages | null>(null);
  const [olderState, setOlderState] = useState<'idle' | 'loading' | 'error'>('idle');
  const logRef = useRef<HTMLOListElement>(null);
  const stickToBottom = useRef(true);
  const restoreFrom = useRef<number | null>(null);

  const latest = result.data?.conversation?.messages;
  const hasPreviousPage = older ? older.hasPreviousPage : (latest?.pageInfo.hasPreviousPage ?? false);

  const items = useMemo<Item[]>(() => {
    if (!latest) return [];
    const seen = new Set<string>();
    const messages: ChatMessageFieldsFragment[] = [];
    for (const message of [...(older?.messages ?? []), ...latest.edges.map((e) => e.node)]) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      messages.push(message);
    }
    const list: Item[] = messages.map((message) => ({
      kind: 'message',
      at: Date.parse(message.sentAt),
      message,
    }));
    const oldest = list.length ? Math.min(...list.map((item) => item.at)) : Number.NEGATIVE_INFINITY;
    for (const { entry, key } of keyTimeline(timeline)) {
      const at = Date.parse(entry.at);
      if (hasPreviousPage && at < oldest) continue;
      list.push({ kind: 'event', at, entry, key });
    }
    // Stable: at equal times a message comes before the event it caused.
    return list
      .map((item, index) => ({ item, index }))
      .sort(
        (a, b) =>
          a.item.at - b.item.at ||
          (a.item.kind === b.item.kind ? a.index - b.index : a.item.kind === 'message' ? -1 : 1),
      )
      .map(({ item }) => item);
  }, [latest, older, timeline, hasPreviousPage]);

  useLayoutEffect(() => {
    const log = logRef.current;
    if (!log || items.length === 0) return;
    if (restoreFrom.current != null) {
      log.scrollTop = log.scrollHeight - restoreFrom.current;
      restoreFrom.current = null;
    } else if (stickToBottom.current) {
      log.scrollTop = log.scrollHeight;
    }
  }, [items]);

  const loadOlder = async () => {
    const before = older ? older.startCursor : (latest?.pageInfo.startCursor ?? null);
    if (!before) return;
    setOlderState('loading');
    const page = await client
      .query(conversationMessagesQuery, { id: conversationId, before }, { requestPolicy: 'network-only' })
      .toPromise();
    const messages = page.data?.conversation?.messages;
    if (!messages) {
      setOlderState('error');
      return;
    }
    if (logRef.current) restoreFrom.current = logRef.current.scrollHeight - logRef.current.scrollTop;
    setOlder((previous) => ({
      messages: [...messages.edges.map((e) => e.node), ...(previous?.messages ?? [])],
      startCursor: messages.pageInfo.startCursor ?? null,
      hasPreviousPage: messages.pageInfo.hasPreviousPage,
    }));
    setOlderState('idle');
  };

  if (result.error && !latest) {
    return <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  }
  if (!latest) return <LoadingState label="Carregando mensagens…" rows={5} />;

  let lastDay: string | null = null;
  return (
    <div className="chat">
      {hasPreviousPage ? (
        <div className="chat-older">
          <button
            type="button"
            className="button button-ghost"
            onClick={loadOlder}
            disabled={olderState === 'loading'}
          >
            {olderState === 'loading' ? 'Carregando…' : 'Carregar mensagens anteriores'}
          </button>
          {olderState === 'error' ? (
            <span className="error-text" role="alert">
              Não foi possível carregar. Tente de novo.
            </span>
          ) : null}
        </div>
      ) : null}
      {items.length === 0 ? (
        <EmptyState title="Nenhuma mensagem nesta conversa" />
      ) : (
        <ol
          className="chat-log"
          ref={logRef}
          aria-label="Histórico da conversa"
          data-testid="chat-log"
          onScroll={(event) => {
            const el = event.currentTarget;
            stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
          }}
        >
          {items.map((item) => {
            const day = calendarDateIn(item.at, timeZone);
            const separator =
              day !== lastDay ? (
                <li className="chat-day">
                  <span>{formatLongDate(item.at, timeZone)}</span>
                </li>
              ) : null;
            lastDay = day;
            return (
              <Fragment key={item.kind === 'message' ? item.message.id : item.key}>
                {separator}
                {item.kind === 'message' ? (
                  <ChatMessage message={item.message} contactName={contactName} timeZone={timeZone} />
                ) : (
                  <TimelineEvent entry={item.entry} timeZone={timeZone} />
                )}
              </Fragment>
            );
          })}
        </ol>
      )}
    </div>
  );
}
