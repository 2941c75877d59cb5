import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery, useSubscription } from 'urql';
import { contactLabel } from '../components/ConversationCard';
import { DateField } from '../components/DateField';
import { ExportButtons } from '../components/ExportButtons';
import { Icon } from '../components/Icon';
import { conversationUpdatedSubscription } from '../components/LiveUpdates';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { StatusBadge } from '../components/StatusBadge';
import { TableScroll } from '../components/TableScroll';
import { TagList } from '../components/TagList';
import { graphql } from '../gql';
import type { ConversationFilter, ConversationStatus, OriginKind } from '../gql/graphql';
import { formatDateTime, formatNumber, formatPhone } from '../lib/format';
import {
  OPEN_STATUSES,
  ORIGIN_LABELS,
  ORIGIN_ORDER,
  originLabel,
  STATUS_LABELS,
  STATUS_ORDER,
} from '../lib/labels';
import { useTimeZone } from '../lib/session';
import { addDays, calendarDateIn, isCalendarDate, startOfDay } from '../lib/time';
import { useDocumentTitle } from '../lib/useDocumentTitle';

const PAGE_SIZE = 25;

export const conversationsQuery = graphql(`
  query Conversations(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $filter: ConversationFilter
  ) {
    conversations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          ...ConversationRow
        }
      }
    }
  }
`);

/** What a row of the list shows (the live cards' fragment carries more: the last message, waits). */
export const conversationRowFragment = graphql(`
  fragment ConversationRow on Conversation {
    id
    internal
    status
    lastActivityAt
    contact {
      externalId
      name
      phoneNumber
    }
    assignee {
      id
      name
    }
    sector {
      id
      name
    }
    origin {
      kind
      name
    }
    tags {
      id
      name
    }
  }
`);

export const filterOptionsQuery = graphql(`
  query FilterOptions {
    agents {
      id
      name
    }
    sectors {
      id
      name
    }
    tags {
      id
      name
    }
  }
`);

const FILTER_KEYS = ['status', 'agent', 'tag', 'sector', 'origin', 'from', 'to', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

function statusesFor(value: string | null): ConversationStatus[] | undefined {
  if (value === 'open') return [...OPEN_STATUSES];
  if (value && (STATUS_ORDER as string[]).includes(value)) return [value as ConversationStatus];
  return undefined;
}

export function ConversationsPage() {
  useDocumentTitle('Conversas');
  const [params, setParams] = useSearchParams();
  const timeZone = useTimeZone();
  const get = (key: FilterKey | 'after' | 'before') => params.get(key) || null;

  const filter = useMemo<ConversationFilter>(() => {
    const from = params.get('from');
    const to = params.get('to');
    const result: ConversationFilter = {};
    const statuses = statusesFor(params.get('status'));
    if (statuses) result.statuses = statuses;
    if (params.get('agent')) result.agentId = params.get('agent');
    if (params.get('tag')) result.tagId = params.get('tag');
    if (params.get('sector')) result.sectorId = params.get('sector');
    const origin = params.get('origin') as OriginKind | null;
    if (origin && ORIGIN_ORDER.includes(origin)) result.origins = [origin];
    if (isCalendarDate(from)) result.from = startOfDay(from, timeZone).toISOString();
    if (isCalendarDate(to)) result.to = startOfDay(addDays(to, 1), timeZone).toISOString();
    const search = params.get('q')?.trim();
    if (search) result.search = search;
    return result;
  }, [params, timeZone]);

  const after = get('after');
  const before = get('before');
  const variables = useMemo(
    () =>
      before
        ? { last: PAGE_SIZE, before, filter }
        : after
          ? { first: PAGE_SIZE, after, filter }
          : { first: PAGE_SIZE, filter },
    [after, before, filter],
  );

  const [result, reexecute] = useQuery({
    query: conversationsQuery,
    variables,
    requestPolicy: 'cache-and-network',
  });
  const [options] = useQuery({ query: filterOptionsQuery });
  useNewConversationsRefresh(!after && !before, result.data?.conversations.edges, reexecute);

  const update = (changes: Partial<Record<FilterKey | 'after' | 'before', string | null>>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        const paging = 'after' in changes || 'before' in changes;
        if (!paging) {
          next.delete('after');
          next.delete('before');
        }
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: !('after' in changes || 'before' in changes) },
    );
  };

  const hasFilters = FILTER_KEYS.some((key) => params.get(key));
  const [cleared, setCleared] = useState(0);
  const connection = result.data?.conversations;
  const rows = connection?.edges ?? [];
  const ids = {
    status: useId(),
    agent: useId(),
    tag: useId(),
    sector: useId(),
    origin: useId(),
    from: useId(),
    to: useId(),
    q: useId(),
  };

  // The export: cycles started in the chosen days (the last 30 without dates), the same filters.
  const exportParams = useMemo(() => {
    const today = calendarDateIn(Date.now(), timeZone);
    const result: Record<string, string> = {
      from: filter.from ?? startOfDay(addDays(today, -29), timeZone).toISOString(),
      to: filter.to ?? startOfDay(addDays(today, 1), timeZone).toISOString(),
    };
    if (filter.statuses) result.statuses = filter.statuses.join(',');
    if (filter.agentId) result.agentId = String(filter.agentId);
    if (filter.tagId) result.tagId = String(filter.tagId);
    if (filter.sectorId) result.sectorId = String(filter.sectorId);
    if (filter.origins) result.origins = filter.origins.join(',');
    if (filter.search) result.search = filter.search;
    return result;
  }, [filter, timeZone]);

  const sortedAgents = useMemo(
    () => [...(options.data?.agents ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'pt-BR')),
    [options.data],
  );

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Conversas</h1>
          <p className="page-subtitle">Histórico completo, com filtros que se combinam.</p>
        </div>
        <div className="page-actions">
          <span className="page-actions-label">Exportar atendimentos iniciados no período</span>
          <ExportButtons table="cycles" params={exportParams} />
        </div>
      </div>

      <form
        key={cleared}
        className="filters"
        aria-label="Filtrar conversas"
        onSubmit={(event) => event.preventDefault()}
      >
        <SearchField id={ids.q} value={params.get('q') ?? ''} onChange={(q) => update({ q })} />
        <div className="field">
          <label htmlFor={ids.status}>Status</label>
          <select
            id={ids.status}
            value={params.get('status') ?? ''}
            onChange={(e) => update({ status: e.target.value })}
          >
            <option value="">Todos</option>
            <option value="open">Abertas</option>
            {STATUS_ORDER.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.agent}>Agente</label>
          <select
            id={ids.agent}
            value={params.get('agent') ?? ''}
            onChange={(e) => update({ agent: e.target.value })}
          >
            <option value="">Todos</option>
            {sortedAgents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.tag}>Etiqueta</label>
          <select
            id={ids.tag}
            value={params.get('tag') ?? ''}
            onChange={(e) => update({ tag: e.target.value })}
          >
            <option value="">Todas</option>
            {(options.data?.tags ?? []).map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name ?? tag.id}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.sector}>Setor</label>
          <select
            id={ids.sector}
            value={params.get('sector') ?? ''}
            onChange={(e) => update({ sector: e.target.value })}
          >
            <option value="">Todos</option>
            {(options.data?.sectors ?? []).map((sector) => (
              <option key={sector.id} value={sector.id}>
                {sector.name ?? sector.id}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.origin}>Origem</label>
          <select
            id={ids.origin}
            value={params.get('origin') ?? ''}
            onChange={(e) => update({ origin: e.target.value })}
          >
            <option value="">Todas</option>
            {ORIGIN_ORDER.map((kind) => (
              <option key={kind} value={kind}>
                {ORIGIN_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <DateField
            id={ids.from}
            label="Data inicial"
            testId="filter-from"
            value={params.get('from') ?? ''}
            max={params.get('to') ?? undefined}
            onChange={(from) => update({ from })}
          />
        </div>
        <div className="field">
          <DateField
            id={ids.to}
            label="Data final"
            testId="filter-to"
            value={params.get('to') ?? ''}
            min={params.get('from') ?? undefined}
            onChange={(to) => update({ to })}
          />
        </div>
        {hasFilters ? (
          <button
            type="button"
            className="button button-ghost filters-clear"
            onClick={() => {
              setParams(new URLSearchParams(), { replace: true });
              // The fields start again empty, half-typed dates included.
              setCleared((n) => n + 1);
            }}
          >
            Limpar filtros
          </button>
        ) : null}
      </form>

      <section className="panel" aria-labelledby="conversations-title">
        <header className="panel-header">
          <h2 id="conversations-title">
            Resultados
            {connection ? (
              <span className="count" data-testid="conversations-total" aria-live="polite">
                {formatNumber(connection.totalCount)}
              </span>
            ) : null}
          </h2>
          {result.fetching && connection ? (
            <span className="muted" role="status">
              Atualizando…
            </span>
          ) : null}
        </header>
        {result.error && !connection ? (
          <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        ) : !connection ? (
          <LoadingState label="Carregando conversas…" rows={6} />
        ) : rows.length === 0 ? (
          <EmptyState
            title={hasFilters ? 'Nenhuma conversa com esses filtros' : 'Nenhuma conversa ainda'}
            icon="search"
            testId="conversations-empty"
          >
            {hasFilters ? 'Tente ampliar o período ou remover um filtro.' : null}
          </EmptyState>
        ) : (
          <TableScroll label="Lista de conversas">
            <table className="table" data-testid="conversations-table">
              <caption className="visually-hidden">
                Conversas, {formatNumber(connection.totalCount)} no total
              </caption>
              <thead>
                <tr>
                  <th scope="col">Contato</th>
                  <th scope="col">Status</th>
                  <th scope="col">Agente</th>
                  <th scope="col">Setor</th>
                  <th scope="col">Origem</th>
                  <th scope="col">Etiquetas</th>
                  <th scope="col">Última atividade</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ node }) => {
                  const phone = formatPhone(node.contact?.phoneNumber);
                  const name = contactLabel(node.contact);
                  return (
                    <tr key={node.id} data-testid="conversation-row" data-conversation-id={node.id}>
                      <td>
                        <Link
                          className="row-link"
                          to={`/conversations/${node.id}`}
                          state={{ back: `/conversations?${params.toString()}` }}
                        >
                          {name}
                        </Link>
                        {phone && phone !== name ? <div className="cell-sub">{phone}</div> : null}
                        {node.internal ? <div className="cell-sub">Chat interno</div> : null}
                      </td>
                      <td>
                        <StatusBadge status={node.status} />
                      </td>
                      <td>{node.assignee?.name ?? <span className="muted">Sem agente</span>}</td>
                      <td>{node.sector?.name ?? <span className="muted">—</span>}</td>
                      <td data-testid="conversation-origin">{originLabel(node.origin)}</td>
                      <td>
                        {node.tags.length ? <TagList tags={node.tags} /> : <span className="muted">—</span>}
                      </td>
                      <td className="nowrap">
                        <time dateTime={node.lastActivityAt}>
                          {formatDateTime(node.lastActivityAt, timeZone)}
                        </time>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
        {connection && (connection.pageInfo.hasPreviousPage || connection.pageInfo.hasNextPage) ? (
          <nav className="pagination" aria-label="Paginação">
            <button
              type="button"
              className="button"
              disabled={!connection.pageInfo.hasPreviousPage || !connection.pageInfo.startCursor}
              onClick={() => update({ before: connection.pageInfo.startCursor ?? null, after: null })}
            >
              <Icon name="chevronLeft" /> Anterior
            </button>
            <button
              type="button"
              className="button"
              disabled={!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor}
              onClick={() => update({ after: connection.pageInfo.endCursor ?? null, before: null })}
            >
              Próxima <Icon name="chevronRight" />
            </button>
          </nav>
        ) : null}
      </section>
    </div>
  );
}

function SearchField({ id, value, onChange }: { id: string; value: string; onChange(value: string): void }) {
  const [text, setText] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  const latest = useRef(onChange);
  latest.current = onChange;
  if (value !== lastValue) {
    setLastValue(value);
    setText(value);
  }
  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const timer = setTimeout(() => latest.current(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text, value]);
  return (
    <div className="field field-search">
      <label htmlFor={id}>Buscar por nome ou telefone</label>
      <div className="input-icon">
        <Icon name="search" />
        <input
          id={id}
          type="search"
          value={text}
          placeholder="Ex.: Maria ou 11 99999-0000"
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
        />
      </div>
    </div>
  );
}

/**
 * On the first page, a conversation the table does not show yet (new, or newly matching) brings
 * a fresh page from the server, at most once a second; rows already shown update from the cache.
 */
function useNewConversationsRefresh(
  firstPage: boolean,
  edges: readonly { node: { id: string } }[] | undefined,
  reexecute: (options: { requestPolicy: 'network-only' }) => void,
) {
  const shown = useRef(new Set<string>());
  shown.current = new Set((edges ?? []).map((edge) => edge.node.id));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useSubscription({ query: conversationUpdatedSubscription, pause: !firstPage }, (_previous, data) => {
    const id = data.conversationUpdated.id;
    if (!shown.current.has(id) && !timer.current) {
      timer.current = setTimeout(() => {
        timer.current = null;
        reexecute({ requestPolicy: 'network-only' });
      }, 1000);
    }
    return data;
  });
}
