import { useQuery, useSubscription } from 'urql';
import { graphql } from '../gql';
import type { LiveOverviewFieldsFragment } from '../gql/graphql';
import { useOnReconnect } from '../lib/connection';
import { formatDuration, secondsSince } from '../lib/duration';
import { formatNumber } from '../lib/format';
import { useNow } from '../lib/useNow';
import { Icon } from './Icon';
import { EmptyState, ErrorState, LoadingState } from './States';

export const liveOverviewFieldsFragment = graphql(`
  fragment LiveOverviewFields on LiveOverview {
    bot
    queued
    waiting
    inProgress
    longestWaitSince
    slaAtRisk
    slaBreached
    agents {
      openConversations
      waiting
      agent {
        id
        name
      }
    }
  }
`);

export const liveOverviewQuery = graphql(`
  query LiveOverview {
    liveOverview {
      ...LiveOverviewFields
    }
  }
`);

export const liveOverviewSubscription = graphql(`
  subscription LiveOverviewUpdated {
    liveOverview {
      ...LiveOverviewFields
    }
  }
`);

/** The overview query, kept live by its subscription (merged into the cache in urql.ts). */
export function useLiveOverview() {
  const [result, reexecute] = useQuery({
    query: liveOverviewQuery,
    requestPolicy: 'cache-and-network',
  });
  useSubscription({ query: liveOverviewSubscription });
  useOnReconnect(() => reexecute({ requestPolicy: 'network-only' }));
  return { overview: result.data?.liveOverview ?? null, error: result.error, reexecute };
}

const COUNTERS = [
  { key: 'bot', label: 'Bot', hint: 'Atendidas pelo bot, sem agente' },
  { key: 'queued', label: 'Fila', hint: 'Sem agente atribuído' },
  { key: 'waiting', label: 'Aguardando', hint: 'Com agente, cliente sem resposta' },
  { key: 'inProgress', label: 'Em atendimento', hint: 'Com agente, nada pendente' },
] as const;

export function LiveCounters({
  overview,
  thresholdSeconds,
}: {
  overview: LiveOverviewFieldsFragment | null;
  thresholdSeconds: number;
}) {
  const now = useNow(1000);
  const longest = overview?.longestWaitSince ? secondsSince(overview.longestWaitSince, now) : null;
  const overdue = longest != null && longest >= thresholdSeconds;
  return (
    <dl className="counters" aria-busy={overview ? undefined : true}>
      {COUNTERS.map(({ key, label, hint }) => (
        <div key={key} className={`counter counter-${key}`} data-testid={`counter-${key}`}>
          <dt title={hint}>{label}</dt>
          <dd>{overview ? formatNumber(overview[key]) : '–'}</dd>
        </div>
      ))}
      {(
        [
          { key: 'slaAtRisk', label: 'SLA em risco', hint: 'Conversas com uma meta de SLA a partir de 75 %' },
          { key: 'slaBreached', label: 'SLA estourado', hint: 'Conversas com uma meta de SLA vencida' },
        ] as const
      ).map(({ key, label, hint }) => (
        <div
          key={key}
          className={`counter counter-${key === 'slaAtRisk' ? 'sla-at-risk' : 'sla-breached'}${overview && overview[key] > 0 ? ' has-value' : ''}`}
          data-testid={`counter-${key}`}
        >
          <dt title={hint}>{label}</dt>
          <dd>{overview ? formatNumber(overview[key]) : '–'}</dd>
        </div>
      ))}
      <div
        className={`counter counter-longest${overdue ? ' is-overdue' : ''}`}
        data-testid="counter-longest-wait"
        data-overdue={overdue ? 'true' : 'false'}
      >
        <dt>Maior espera agora</dt>
        <dd>
          {overdue ? <Icon name="alert" size={18} label="Espera longa" /> : null}
          {overview ? (longest != null ? formatDuration(longest) : 'Ninguém esperando') : '–'}
        </dd>
      </div>
    </dl>
  );
}

export function AgentLoadList({
  overview,
  error,
  onRetry,
}: {
  overview: LiveOverviewFieldsFragment | null;
  error?: Parameters<typeof ErrorState>[0]['error'];
  onRetry?: () => void;
}) {
  const agents = overview
    ? [...overview.agents].sort(
        (a, b) =>
          b.openConversations - a.openConversations ||
          b.waiting - a.waiting ||
          a.agent.name.localeCompare(b.agent.name, 'pt-BR'),
      )
    : [];
  const max = Math.max(1, ...agents.map((a) => a.openConversations));
  return (
    <section className="panel" aria-labelledby="agent-load-title">
      <header className="panel-header">
        <h2 id="agent-load-title">Carga por agente</h2>
      </header>
      {error && !overview ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : !overview ? (
        <LoadingState label="Carregando agentes…" rows={4} />
      ) : agents.length === 0 ? (
        <EmptyState title="Nenhum agente com conversas abertas" icon="users" />
      ) : (
        <ul className="load-list" data-testid="agent-load">
          {agents.map(({ agent, openConversations, waiting }) => (
            <li key={agent.id} className="load-item" data-agent-id={agent.id}>
              <div className="load-head">
                <span className="load-name">{agent.name}</span>
                <span className="load-numbers">
                  <strong>{formatNumber(openConversations)}</strong>{' '}
                  {openConversations === 1 ? 'aberta' : 'abertas'}
                  {waiting > 0 ? (
                    <span className="load-waiting">
                      {' · '}
                      {formatNumber(waiting)} aguardando
                    </span>
                  ) : null}
                </span>
              </div>
              <div className="bar" aria-hidden="true">
                <span className="bar-fill" style={{ width: `${(openConversations / max) * 100}%` }} />
                <span className="bar-fill bar-waiting" style={{ width: `${(waiting / max) * 100}%` }} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
