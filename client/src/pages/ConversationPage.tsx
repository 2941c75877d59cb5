import { useEffect, useMemo } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useQuery, useSubscription } from 'urql';
import { ChatHistory } from '../components/ChatHistory';
import { contactLabel } from '../components/ConversationCard';
import { Icon } from '../components/Icon';
import { conversationUpdatedSubscription } from '../components/LiveUpdates';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { StatusBadge } from '../components/StatusBadge';
import { TagList } from '../components/TagList';
import { TimelineList } from '../components/Timeline';
import { graphql } from '../gql';
import type { ConversationSummaryFragment } from '../gql/graphql';
import { useOnReconnect } from '../lib/connection';
import { formatDuration, secondsSince } from '../lib/duration';
import { formatDateTime, formatPhone } from '../lib/format';
import { originLabel } from '../lib/labels';
import { useWaitAlertThreshold } from '../lib/live';
import { useTimeZone } from '../lib/session';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useNow } from '../lib/useNow';

export const conversationDetailQuery = graphql(`
  query ConversationDetail($id: ID!) {
    conversation(id: $id) {
      ...ConversationSummary
      cycles {
        index
        startedAt
        closedAt
        origin {
          kind
          name
          source
        }
        resolvedBy {
          id
          name
        }
      }
      timeline {
        ...TimelineEntryFields
      }
    }
  }
`);

export function ConversationPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const from = location.state as { back?: string; backLabel?: string } | null;
  const back = from?.back ?? '/conversations';
  const backLabel = from?.backLabel ?? 'Conversas';
  const timeZone = useTimeZone();
  const variables = useMemo(() => ({ id }), [id]);
  const [result, reexecute] = useQuery({
    query: conversationDetailQuery,
    variables,
    requestPolicy: 'cache-and-network',
  });
  useOnReconnect(() => reexecute({ requestPolicy: 'network-only' }));

  // Status and assignee merge into the cache by themselves; the timeline is refetched.
  const [update] = useSubscription({ query: conversationUpdatedSubscription });
  const updatedId = update.data?.conversationUpdated.id;
  const updatedData = update.data;
  useEffect(() => {
    if (!updatedData || updatedId !== id) return;
    const timer = setTimeout(() => reexecute({ requestPolicy: 'network-only' }), 250);
    return () => clearTimeout(timer);
  }, [updatedData, updatedId, id, reexecute]);

  const conversation = result.data?.conversation;
  useDocumentTitle(conversation ? contactLabel(conversation.contact) : 'Conversa');

  return (
    <div className="page page-conversation">
      <Link className="back-link" to={back}>
        <Icon name="arrowLeft" /> {backLabel}
      </Link>
      {result.error && !result.data ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !result.data ? (
        <LoadingState label="Carregando conversa…" rows={6} />
      ) : !conversation ? (
        <EmptyState title="Conversa não encontrada" icon="search" testId="conversation-not-found">
          Ela pode ter sido removida ou o endereço está incorreto.
        </EmptyState>
      ) : (
        <>
          <div className="page-header">
            <div>
              <h1 data-testid="conversation-title">{contactLabel(conversation.contact)}</h1>
              <p className="page-subtitle">
                <StatusBadge status={conversation.status} />
                {conversation.channelName ? <span>{conversation.channelName}</span> : null}
                {conversation.internal ? <span>Chat interno</span> : null}
              </p>
            </div>
          </div>
          <div className="conversation-grid">
            <section className="panel panel-chat" aria-label="Mensagens">
              <ChatHistory
                key={conversation.id}
                conversationId={conversation.id}
                contactName={contactLabel(conversation.contact)}
                timeline={conversation.timeline}
                timeZone={timeZone}
              />
            </section>
            <aside className="conversation-side">
              <ConversationDetails conversation={conversation} timeZone={timeZone} />
              <section className="panel" aria-labelledby="cycles-title">
                <header className="panel-header">
                  <h2 id="cycles-title">Atendimentos</h2>
                </header>
                <ol className="cycles" data-testid="cycles">
                  {conversation.cycles.map((cycle) => (
                    <li key={cycle.index} className="cycle">
                      <div className="cycle-title">Atendimento {cycle.index + 1}</div>
                      <div className="muted">
                        {formatDateTime(cycle.startedAt, timeZone)}
                        {cycle.closedAt ? ` → ${formatDateTime(cycle.closedAt, timeZone)}` : ' → em aberto'}
                      </div>
                      <div data-testid="cycle-origin">
                        Origem: {originLabel(cycle.origin)}
                        {cycle.origin.source ? <span className="muted"> ({cycle.origin.source})</span> : null}
                      </div>
                      {cycle.closedAt ? (
                        <div>
                          Resolvido em{' '}
                          {formatDuration((Date.parse(cycle.closedAt) - Date.parse(cycle.startedAt)) / 1000)}
                          {cycle.resolvedBy ? ` por ${cycle.resolvedBy.name}` : ''}
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ol>
              </section>
              <section className="panel" aria-labelledby="timeline-title">
                <header className="panel-header">
                  <h2 id="timeline-title">Linha do tempo</h2>
                </header>
                <TimelineList entries={conversation.timeline} timeZone={timeZone} />
              </section>
            </aside>
          </div>
        </>
      )}
    </div>
  );
}

function ConversationDetails({
  conversation,
  timeZone,
}: {
  conversation: ConversationSummaryFragment;
  timeZone: string;
}) {
  const now = useNow(1000);
  const [threshold] = useWaitAlertThreshold();
  const waited = conversation.waitingSince ? secondsSince(conversation.waitingSince, now) : null;
  const overdue = waited != null && waited >= threshold;
  const phone = formatPhone(conversation.contact?.phoneNumber);
  return (
    <section className="panel" aria-labelledby="details-title">
      <header className="panel-header">
        <h2 id="details-title">Detalhes</h2>
      </header>
      <dl className="details">
        <dt>Contato</dt>
        <dd>{conversation.contact?.name ?? '—'}</dd>
        <dt>Telefone</dt>
        <dd>{phone ?? '—'}</dd>
        <dt>Agente</dt>
        <dd data-testid="conversation-agent">{conversation.assignee?.name ?? 'Sem agente'}</dd>
        <dt>Setor</dt>
        <dd>{conversation.sector?.name ?? '—'}</dd>
        <dt>Etiquetas</dt>
        <dd>{conversation.tags.length ? <TagList tags={conversation.tags} /> : '—'}</dd>
        {conversation.status !== 'CLOSED' ? (
          <>
            <dt>Esperando há</dt>
            <dd className={overdue ? 'text-alert' : undefined} data-testid="conversation-wait">
              {waited != null ? (
                <>
                  {overdue ? <Icon name="alert" size={14} label="Espera longa" /> : null}{' '}
                  {formatDuration(waited)}
                </>
              ) : (
                'Sem espera'
              )}
            </dd>
          </>
        ) : null}
        <dt>Aberta em</dt>
        <dd>{conversation.openedAt ? formatDateTime(conversation.openedAt, timeZone) : '—'}</dd>
        {conversation.closedAt ? (
          <>
            <dt>Encerrada em</dt>
            <dd>{formatDateTime(conversation.closedAt, timeZone)}</dd>
          </>
        ) : null}
        <dt>Última atividade</dt>
        <dd>{formatDateTime(conversation.lastActivityAt, timeZone)}</dd>
      </dl>
    </section>
  );
}
