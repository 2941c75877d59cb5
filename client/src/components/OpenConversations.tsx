import { useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useOnReconnect } from '../lib/connection';
import { formatNumber } from '../lib/format';
import { OPEN_STATUSES, STATUS_LABELS } from '../lib/labels';
import { compareByWait } from '../lib/live';
import { compareByUrgency } from '../lib/sla';
import { useNow } from '../lib/useNow';
import { ConversationCard } from './ConversationCard';
import { EmptyState, ErrorState, LoadingState } from './States';

/**
 * The live list: service levels breached, then at risk, then the longest waits, 100 at most. Its arguments are
 * literals so the cache updater for `conversationUpdated` can address this exact field (see urql.ts).
 */
export const openConversationsQuery = graphql(`
  query OpenConversations {
    conversations(first: 100, orderBy: URGENCY, filter: { statuses: [BOT, QUEUED, WAITING, IN_PROGRESS] }) {
      totalCount
      edges {
        node {
          ...LiveConversation
        }
      }
    }
  }
`);

/** Rows shown at first, and added by each "Mostrar mais". */
export const LIVE_PAGE_SIZE = 30;
/** The filter value for conversations nobody is assigned to. */
const NOBODY = 'nenhum';

export function OpenConversations({ thresholdSeconds }: { thresholdSeconds: number }) {
  const [params, setParams] = useSearchParams();
  const filter = { sector: params.get('setor'), agent: params.get('agente'), status: params.get('status') };
  const [compact, setCompact] = useCompactList();
  // A new filter starts again from the first page.
  const filterKey = `${filter.sector}|${filter.agent}|${filter.status}`;
  const [page, setPage] = useState({ filterKey, shown: LIVE_PAGE_SIZE });
  const shown = page.filterKey === filterKey ? page.shown : LIVE_PAGE_SIZE;
  const setFilter = (key: 'setor' | 'agente' | 'status', value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

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
  const matching = conversations.filter(
    (c) =>
      (!filter.sector || c.sector?.id === filter.sector) &&
      (!filter.agent || (filter.agent === NOBODY ? !c.assignee : c.assignee?.id === filter.agent)) &&
      (!filter.status || c.status === filter.status),
  );
  const overdue = matching.filter(
    (c) => c.waitingSince && now - Date.parse(c.waitingSince) >= thresholdSeconds * 1000,
  ).length;
  const sectors = distinct(conversations.map((c) => c.sector));
  const agents = distinct(conversations.map((c) => c.assignee));
  const filtered = Boolean(filter.sector || filter.agent || filter.status);

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
      {connection && connection.totalCount > 0 ? (
        <div className="live-filters" data-testid="live-filters">
          <FilterSelect
            label="Setor"
            all="Todos"
            value={filter.sector}
            onChange={(value) => setFilter('setor', value)}
            options={withSelected(sectors, filter.sector, 'Setor selecionado')}
          />
          <FilterSelect
            label="Agente"
            all="Todos"
            value={filter.agent}
            onChange={(value) => setFilter('agente', value)}
            options={[
              { id: NOBODY, name: 'Sem agente' },
              ...withSelected(agents, filter.agent === NOBODY ? null : filter.agent, 'Agente selecionado'),
            ]}
          />
          <FilterSelect
            label="Situação"
            all="Todas"
            value={filter.status}
            onChange={(value) => setFilter('status', value)}
            options={OPEN_STATUSES.map((status) => ({ id: status, name: STATUS_LABELS[status] }))}
          />
          <label className="toggle">
            <input type="checkbox" checked={compact} onChange={(e) => setCompact(e.target.checked)} />
            Linhas compactas
          </label>
        </div>
      ) : null}
      {result.error && !connection ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !connection ? (
        <LoadingState label="Carregando conversas abertas…" />
      ) : conversations.length === 0 ? (
        <EmptyState title="Nenhuma conversa aberta agora" testId="open-conversations-empty">
          Novas conversas aparecem aqui assim que chegam.
        </EmptyState>
      ) : matching.length === 0 ? (
        <EmptyState
          title="Nenhuma conversa aberta com estes filtros"
          testId="open-conversations-filtered-empty"
        >
          <button type="button" className="button" onClick={() => setParams({}, { replace: true })}>
            Limpar filtros
          </button>
        </EmptyState>
      ) : (
        <>
          <ol
            className={compact ? 'live-list is-compact' : 'live-list'}
            aria-label="Conversas abertas: SLA estourado e em risco primeiro, depois a maior espera"
          >
            {matching.slice(0, shown).map((conversation) => (
              <ConversationCard
                key={conversation.id}
                conversation={conversation}
                now={now}
                thresholdSeconds={thresholdSeconds}
              />
            ))}
          </ol>
          {matching.length > shown ? (
            <div className="panel-footnote">
              <button
                type="button"
                className="button"
                onClick={() => setPage({ filterKey, shown: shown + LIVE_PAGE_SIZE })}
                data-testid="live-show-more"
              >
                Mostrar mais {formatNumber(Math.min(LIVE_PAGE_SIZE, matching.length - shown))}
              </button>
            </div>
          ) : null}
          <p className="panel-footnote" data-testid="live-shown">
            Mostrando {formatNumber(Math.min(shown, matching.length))} de{' '}
            {filtered ? `${formatNumber(matching.length)} com estes filtros, ` : ''}
            {formatNumber(connection.totalCount)} conversas abertas
            {connection.totalCount > conversations.length
              ? ` (as ${formatNumber(conversations.length)} mais urgentes: SLA estourado ou em risco, depois a maior espera)`
              : ''}
            .
          </p>
        </>
      )}
    </section>
  );
}

/** Each sector or agent once, by name. */
function distinct<T extends { id: string; name?: string | null }>(
  items: (T | null | undefined)[],
): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const item of items) if (item) byId.set(item.id, item.name ?? 'Sem nome');
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'));
}

/** A filter chosen earlier stays selectable while nothing open matches it. */
function withSelected(options: { id: string; name: string }[], selected: string | null, label: string) {
  return selected && !options.some((option) => option.id === selected)
    ? [...options, { id: selected, name: label }]
    : options;
}

const COMPACT_KEY = 'radar.liveCompact';

/** Compact rows (no phone, tags or last message), remembered per browser. */
function useCompactList(): [boolean, (compact: boolean) => void] {
  const [compact, setCompact] = useState(() => {
    try {
      return localStorage.getItem(COMPACT_KEY) === '1';
    } catch {
      return false;
    }
  });
  const update = (next: boolean) => {
    setCompact(next);
    try {
      localStorage.setItem(COMPACT_KEY, next ? '1' : '0');
    } catch {
      // Not remembered.
    }
  };
  return [compact, update];
}

/** One of the live list's filters: "all" first (the empty value), then each option. */
function FilterSelect({
  label,
  all,
  value,
  onChange,
  options,
}: {
  label: string;
  all: string;
  value: string | null;
  onChange: (value: string) => void;
  options: { id: string; name: string }[];
}) {
  const id = useId();
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
    </div>
  );
}
