import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useOnReconnect } from '../lib/connection';
import { formatNumber } from '../lib/format';
import { compareByWait } from '../lib/live';
import { compareByUrgency } from '../lib/sla';
import { useNow } from '../lib/useNow';
import { ConversationCard } from './ConversationCard';
import { EmptyState, ErrorState, LoadingState } from './States';

/**
 * The live list. Its filter is a literal so the cache updater for `conversationUpdated` can
 * address this exact field (see urql.ts).
 */
export const openConversationsQuery = graphql(`
  query OpenConversations {
    conversations(first: 100, filter: { statuses: [BOT, QUEUED, WAITING, IN_PROGRESS] }) {
      totalCount
      edges {
        node {
          ...LiveConversation
        }
      }
    }
  }
`);

export function OpenConversations({ thresholdSeconds }: { thresholdSeconds: number }) {
  const [result, reexecute] = useQuery({
    query: openConversationsQuery,
    requestPolicy: 'cache-and-network',
  });
  useOnReconnect(() => reexecute({ requestPolicy: 'network-only' }));
  const now = useNow(1000);
  // Re-ranked every few seconds (a countdown reaching a threshold), not at every tick.
  const rankedAt = Math.floor(now / 5000) * 5000;

  const connection = result.data?.conversations;
  const conversations = useMemo(
    () =>
      connection
        ? connection.edges
            .map((edge) => edge.node)
            .sort(compareByUrgency<(typeof connection.edges)[number]['node']>(rankedAt, compareByWait))
        : [],
    [connection, rankedAt],
  );
  const overdue = conversations.filter(
    (c) => c.waitingSince && now - Date.parse(c.waitingSince) >= thresholdSeconds * 1000,
  ).length;

  return (
    <section className="panel" aria-labelledby="open-conversations-title">
      <header className="panel-header">
        <h2 id="open-conversations-title">
          Conversas abertas
          {connection ? (
            <span className="count" data-testid="open-conversations-count">
              {formatNumber(connection.totalCount)}
            </span>
          ) : null}
        </h2>
        {overdue > 0 ? (
          <span className="badge badge-alert" aria-live="polite">
            {overdue === 1 ? '1 com espera longa' : `${formatNumber(overdue)} com espera longa`}
          </span>
        ) : null}
      </header>
      {result.error && !connection ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !connection ? (
        <LoadingState label="Carregando conversas abertas…" />
      ) : conversations.length === 0 ? (
        <EmptyState title="Nenhuma conversa aberta agora" testId="open-conversations-empty">
          Novas conversas aparecem aqui assim que chegam.
        </EmptyState>
      ) : (
        <>
          <ol
            className="live-list"
            aria-label="Conversas abertas: SLA estourado e em risco primeiro, depois a maior espera"
          >
            {conversations.map((conversation) => (
              <ConversationCard
                key={conversation.id}
                conversation={conversation}
                now={now}
                thresholdSeconds={thresholdSeconds}
              />
            ))}
          </ol>
          {connection.totalCount > conversations.length ? (
            <p className="panel-footnote">
              Mostrando {formatNumber(conversations.length)} de {formatNumber(connection.totalCount)}{' '}
              conversas abertas.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
