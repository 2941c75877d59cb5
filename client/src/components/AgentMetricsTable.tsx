import { type FormEvent, useId, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { AgentPerformanceQuery, DurationStatsFieldsFragment } from '../gql/graphql';
import { formatNumber } from '../lib/format';
import { DurationStat } from './DurationStat';
import { HitRateStat } from './ServiceLevels';
import { TableScroll } from './TableScroll';

export const setAgentNameMutation = graphql(`
  mutation SetAgentName($id: ID!, $name: String) {
    setAgentName(id: $id, name: $name) {
      id
      name
    }
  }
`);

type Row = AgentPerformanceQuery['agentMetrics'][number];
type Team = AgentPerformanceQuery['teamMetrics'];

type SortKey =
  | 'name'
  | 'handled'
  | 'resolved'
  | 'messages'
  | 'firstResponse'
  | 'afterAssignment'
  | 'slaFirst'
  | 'response'
  | 'resolution'
  | 'transfers';

const byMedian = (stats: DurationStatsFieldsFragment) => stats.median ?? Number.POSITIVE_INFINITY;

const SORTERS: Record<SortKey, (a: Row, b: Row) => number> = {
  name: (a, b) => a.agent.name.localeCompare(b.agent.name, 'pt-BR'),
  handled: (a, b) => b.conversationsHandled - a.conversationsHandled,
  resolved: (a, b) => b.conversationsResolved - a.conversationsResolved,
  messages: (a, b) => b.messagesSent - a.messagesSent,
  firstResponse: (a, b) => byMedian(a.firstResponseTime) - byMedian(b.firstResponseTime),
  afterAssignment: (a, b) =>
    byMedian(a.firstResponseAfterAssignment) - byMedian(b.firstResponseAfterAssignment),
  slaFirst: (a, b) => (b.sla.firstResponse.rate ?? -1) - (a.sla.firstResponse.rate ?? -1),
  response: (a, b) => byMedian(a.responseTime) - byMedian(b.responseTime),
  resolution: (a, b) => byMedian(a.resolutionTime) - byMedian(b.resolutionTime),
  transfers: (a, b) => b.transfersIn + b.transfersOut - (a.transfersIn + a.transfersOut),
};

const COLUMNS: {
  key: SortKey;
  label: string;
  hint?: string;
  sub?: string;
  numeric?: boolean;
  order: 'ascending' | 'descending';
}[] = [
  { key: 'name', label: 'Agente', order: 'ascending' },
  {
    key: 'handled',
    label: 'Atendidos',
    hint: 'Atendimentos em que o agente respondeu ao menos uma vez',
    numeric: true,
    order: 'descending',
  },
  {
    key: 'resolved',
    label: 'Resolvidos',
    hint: 'Atendimentos encerrados com o agente como responsável',
    numeric: true,
    order: 'descending',
  },
  {
    key: 'messages',
    label: 'Mensagens',
    hint: 'Respostas enviadas; notas internas à parte',
    numeric: true,
    order: 'descending',
  },
  { key: 'firstResponse', label: 'Primeira resposta', sub: 'mediana · p90', order: 'ascending' },
  {
    key: 'afterAssignment',
    label: 'Após atribuição',
    hint: 'Primeira resposta menos a espera na fila: a parte do agente',
    sub: 'mediana · p90',
    order: 'ascending',
  },
  {
    key: 'slaFirst',
    label: 'SLA 1ª resposta',
    hint: 'Primeiras respostas dentro da meta da política em vigor',
    sub: '% na meta',
    order: 'descending',
  },
  { key: 'response', label: 'Tempo de resposta', sub: 'mediana · p90', order: 'ascending' },
  { key: 'resolution', label: 'Resolução', sub: 'mediana · p90', order: 'ascending' },
  {
    key: 'transfers',
    label: 'Transferências',
    sub: 'recebidas / enviadas',
    numeric: true,
    order: 'descending',
  },
];

export function AgentMetricsTable({
  rows,
  team,
  showMean,
  canRename,
}: {
  rows: readonly Row[];
  team: Team;
  showMean: boolean;
  canRename: boolean;
}) {
  const [sort, setSort] = useState<SortKey>('name');
  // Agents with nothing in the period go last whatever the sort: the table starts with who worked.
  const idle = (row: Row) =>
    row.conversationsHandled === 0 && row.conversationsResolved === 0 && row.messagesSent === 0 ? 1 : 0;
  const sorted = [...rows].sort((a, b) => idle(a) - idle(b) || SORTERS[sort](a, b) || SORTERS.name(a, b));
  const transfers = rows.reduce((sum, row) => sum + row.transfersIn, 0);

  return (
    <TableScroll label="Desempenho por agente" sticky>
      <table className="table table-metrics" data-testid="agent-metrics-table">
        <caption className="visually-hidden">
          Desempenho por agente. Tempos: mediana e p90{showMean ? ' e média' : ''}.
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={column.numeric ? 'num' : undefined}
                aria-sort={sort === column.key ? column.order : undefined}
              >
                <button
                  type="button"
                  className="th-button"
                  onClick={() => setSort(column.key)}
                  title={column.hint ? `${column.hint}. Ordenar por esta coluna.` : 'Ordenar por esta coluna'}
                >
                  {column.label}
                  {column.sub ? <span className="th-hint">{column.sub}</span> : null}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.agent.id} data-testid="agent-metrics-row" data-agent-id={row.agent.id}>
              <th scope="row">
                <AgentName id={row.agent.id} name={row.agent.name} canRename={canRename} />
              </th>
              <td className="num">{formatNumber(row.conversationsHandled)}</td>
              <td className="num">{formatNumber(row.conversationsResolved)}</td>
              <td className="num">
                {formatNumber(row.messagesSent)}{' '}
                {row.notesSent > 0 ? (
                  <span className="stat-sub">
                    {formatNumber(row.notesSent)} {row.notesSent === 1 ? 'nota' : 'notas'}
                  </span>
                ) : null}
              </td>
              <td>
                <DurationStat stats={row.firstResponseTime} showMean={showMean} />
              </td>
              <td>
                <DurationStat stats={row.firstResponseAfterAssignment} showMean={showMean} />
              </td>
              <td>
                <HitRateStat rate={row.sla.firstResponse} />
              </td>
              <td>
                <DurationStat stats={row.responseTime} showMean={showMean} />
              </td>
              <td>
                <DurationStat stats={row.resolutionTime} showMean={showMean} />
              </td>
              <td className="num">
                {formatNumber(row.transfersIn)} / {formatNumber(row.transfersOut)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="agent-metrics-total">
            <th scope="row">Equipe</th>
            <td className="num" title="Atendimentos iniciados no período">
              {formatNumber(team.conversationsStarted)}
              <span className="stat-sub">iniciados</span>
            </td>
            <td className="num">{formatNumber(team.conversationsResolved)}</td>
            <td className="num">
              {formatNumber(team.messages.agent)}
              {team.messages.note > 0 ? (
                <span className="stat-sub">
                  {formatNumber(team.messages.note)} {team.messages.note === 1 ? 'nota' : 'notas'}
                </span>
              ) : null}
            </td>
            <td>
              <DurationStat stats={team.firstResponseTime} showMean={showMean} />
            </td>
            <td>
              <DurationStat stats={team.firstResponseAfterAssignment} showMean={showMean} />
            </td>
            <td>
              <HitRateStat rate={team.sla.firstResponse} />
            </td>
            <td>
              <DurationStat stats={team.responseTime} showMean={showMean} />
            </td>
            <td>
              <DurationStat stats={team.resolutionTime} showMean={showMean} />
            </td>
            <td className="num">{formatNumber(transfers)}</td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

function AgentName({ id, name, canRename }: { id: string; name: string; canRename: boolean }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);
  const [{ fetching, error }, setAgentName] = useMutation(setAgentNameMutation);
  const inputId = useId();

  if (!editing) {
    return (
      <span className="agent-name">
        <span>{name}</span>
        {canRename ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setValue(name);
              setEditing(true);
            }}
            aria-label={`Renomear ${name}`}
          >
            Renomear
          </button>
        ) : null}
      </span>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    const result = await setAgentName({ id, name: trimmed || null });
    if (!result.error) setEditing(false);
  };

  return (
    <form className="rename-form" onSubmit={submit}>
      <label htmlFor={inputId} className="visually-hidden">
        Novo nome para {name}
      </label>
      <input
        id={inputId}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        placeholder="Vazio volta ao nome da Umbler"
        // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to edit
        autoFocus
        onKeyDown={(event) => {
          if (event.key === 'Escape') setEditing(false);
        }}
      />
      <button type="submit" className="button button-small button-primary" disabled={fetching}>
        Salvar
      </button>
      <button type="button" className="button button-small" onClick={() => setEditing(false)}>
        Cancelar
      </button>
      {error ? (
        <span className="error-text" role="alert">
          Não foi possível renomear.
        </span>
      ) : null}
    </form>
  );
}
