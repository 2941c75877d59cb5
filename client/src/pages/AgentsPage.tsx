import { useId, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { ActivityHeatmap } from '../components/ActivityHeatmap';
import { AgentMetricsTable } from '../components/AgentMetricsTable';
import { ExportButtons } from '../components/ExportButtons';
import { PeriodPicker } from '../components/PeriodPicker';
import { ResponseDistribution } from '../components/ResponseDistribution';
import { ResponseTrend } from '../components/ResponseTrend';
import { ServiceLevels } from '../components/ServiceLevels';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { graphql } from '../gql';
import type { AgentPerformanceQuery, Clock } from '../gql/graphql';
import { formatDuration } from '../lib/duration';
import { formatNumber } from '../lib/format';
import { computePeriod, type PeriodPreset } from '../lib/period';
import { useSession } from '../lib/session';
import { calendarDateIn, isCalendarDate } from '../lib/time';
import { useDocumentTitle } from '../lib/useDocumentTitle';

export const agentPerformanceQuery = graphql(`
  query AgentPerformance($from: DateTime!, $to: DateTime!, $clock: Clock) {
    agentMetrics(from: $from, to: $to, clock: $clock) {
      agent {
        id
        name
      }
      conversationsHandled
      conversationsResolved
      messagesSent
      notesSent
      assignments
      transfersIn
      transfersOut
      responseTime {
        ...DurationStatsFields
      }
      firstResponseTime {
        ...DurationStatsFields
      }
      resolutionTime {
        ...DurationStatsFields
      }
      firstResponseAfterAssignment {
        ...DurationStatsFields
      }
      sla {
        ...SlaHitRatesFields
      }
    }
    teamMetrics(from: $from, to: $to, clock: $clock) {
      conversationsStarted
      conversationsResolved
      messages {
        customer
        agent
        bot
        note
        other
      }
      responseTime {
        ...DurationStatsFields
      }
      firstResponseTime {
        ...DurationStatsFields
      }
      resolutionTime {
        ...DurationStatsFields
      }
      queueTime {
        ...DurationStatsFields
      }
      firstResponseAfterAssignment {
        ...DurationStatsFields
      }
      sla {
        ...SlaHitRatesFields
      }
      responseRatings {
        label
        upToSeconds
        count
        share
      }
    }
  }
`);

const PRESETS: PeriodPreset[] = ['today', '7d', '30d', 'custom'];

export function AgentsPage() {
  useDocumentTitle('Desempenho');
  const [params, setParams] = useSearchParams();
  const { timeZone, role } = useSession();
  const presetParam = params.get('period');
  const preset: PeriodPreset = PRESETS.includes(presetParam as PeriodPreset)
    ? (presetParam as PeriodPreset)
    : '7d';
  const customFrom = params.get('from');
  const customTo = params.get('to');
  const today = calendarDateIn(Date.now(), timeZone);
  const period = useMemo(
    () =>
      computePeriod(preset, timeZone, today, {
        from: isCalendarDate(customFrom) ? customFrom : null,
        to: isCalendarDate(customTo) ? customTo : null,
      }),
    [preset, timeZone, today, customFrom, customTo],
  );
  const showMean = params.get('mean') === '1';
  const agentId = params.get('agent') || null;
  const clock: Clock = params.get('clock') === 'business' ? 'BUSINESS' : 'CALENDAR';

  const setParam = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const variables = useMemo(() => ({ from: period.from, to: period.to, clock }), [period, clock]);
  const [result, reexecute] = useQuery({ query: agentPerformanceQuery, variables });
  const data = result.data;
  const agents = useMemo(
    () =>
      [...(data?.agentMetrics ?? [])]
        .map((row) => row.agent)
        .sort((a, b) => a.name.localeCompare(b.name, 'pt-BR')),
    [data],
  );
  const meanId = useId();
  const agentFilterId = useId();

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Desempenho</h1>
          <p className="page-subtitle">Tempos e volume por agente no período escolhido.</p>
        </div>
        <div className="page-actions">
          <span className="page-actions-label">Exportar a tabela por agente</span>
          <ExportButtons
            table="agents"
            params={{ from: period.from, to: period.to, clock: clock.toLowerCase() }}
          />
        </div>
      </div>

      <div className="toolbar">
        <PeriodPicker
          period={period}
          timeZone={timeZone}
          onPresetChange={(next) =>
            setParam(
              next === 'custom'
                ? { period: next, from: period.firstDay, to: period.lastDay }
                : { period: next, from: null, to: null },
            )
          }
          onCustomChange={({ from, to }) => setParam({ period: 'custom', from, to })}
        />
        <fieldset className="segmented" aria-label="Relógio dos tempos">
          <button
            type="button"
            aria-pressed={clock === 'CALENDAR'}
            onClick={() => setParam({ clock: null })}
            title="Tempos corridos, noites e fins de semana incluídos"
          >
            Calendário
          </button>
          <button
            type="button"
            aria-pressed={clock === 'BUSINESS'}
            onClick={() => setParam({ clock: 'business' })}
            title="Só o tempo dentro do horário comercial (Configurações)"
            data-testid="clock-business"
          >
            Horário comercial
          </button>
        </fieldset>
        <label className="toggle" htmlFor={meanId}>
          <input
            id={meanId}
            type="checkbox"
            checked={showMean}
            onChange={(event) => setParam({ mean: event.target.checked ? '1' : null })}
          />
          Mostrar média
        </label>
      </div>

      {result.error && !data ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <LoadingState label="Carregando métricas…" rows={5} />
      ) : (
        <>
          <TeamSummary team={data.teamMetrics} />
          <ServiceLevels team={data.teamMetrics} />
          <section className="panel" aria-labelledby="agents-title">
            <header className="panel-header">
              <h2 id="agents-title">Por agente</h2>
              {result.fetching ? (
                <span className="muted" role="status">
                  Atualizando…
                </span>
              ) : null}
            </header>
            {data.agentMetrics.length === 0 ? (
              <EmptyState title="Nenhum agente atuou neste período" icon="users" />
            ) : (
              <AgentMetricsTable
                rows={data.agentMetrics}
                team={data.teamMetrics}
                showMean={showMean}
                canRename={role === 'ADMIN'}
              />
            )}
          </section>
        </>
      )}

      <div className="section-header">
        <h2>Gráficos</h2>
        <div className="field field-inline">
          <label htmlFor={agentFilterId}>Agente</label>
          <select
            id={agentFilterId}
            value={agentId ?? ''}
            onChange={(event) => setParam({ agent: event.target.value || null })}
          >
            <option value="">Toda a equipe</option>
            {agentId && !agents.some((a) => a.id === agentId) ? (
              <option value={agentId}>Agente selecionado</option>
            ) : null}
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ResponseTrend
        from={period.from}
        to={period.to}
        granularity={period.granularity}
        agentId={agentId}
        timeZone={timeZone}
        clock={clock}
      />
      <div className="charts-grid">
        <ResponseDistribution from={period.from} to={period.to} agentId={agentId} clock={clock} />
        <ActivityHeatmap from={period.from} to={period.to} agentId={agentId} />
      </div>
    </div>
  );
}

function TeamSummary({ team }: { team: AgentPerformanceQuery['teamMetrics'] }) {
  const items = [
    { label: 'Atendimentos iniciados', value: formatNumber(team.conversationsStarted) },
    { label: 'Resolvidos', value: formatNumber(team.conversationsResolved) },
    { label: 'Mensagens de clientes', value: formatNumber(team.messages.customer) },
    { label: 'Respostas de agentes', value: formatNumber(team.messages.agent) },
    {
      label: 'Primeira resposta (mediana)',
      value: formatDuration(team.firstResponseTime.median),
    },
    { label: 'Tempo de resposta (mediana)', value: formatDuration(team.responseTime.median) },
    {
      label: 'Espera na fila (mediana)',
      value: team.queueTime.count > 0 ? formatDuration(team.queueTime.median) : '—',
    },
  ];
  return (
    <dl className="counters counters-compact" data-testid="team-summary">
      {items.map((item) => (
        <div key={item.label} className="counter">
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
