import { useId, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { ActivityHeatmap } from '../components/ActivityHeatmap';
import { AgentMetricsTable } from '../components/AgentMetricsTable';
import { ExportButtons } from '../components/ExportButtons';
import { GroupMetrics } from '../components/GroupMetrics';
import { PeriodPicker } from '../components/PeriodPicker';
import { ResponseDistribution } from '../components/ResponseDistribution';
import { ResponseTrend } from '../components/ResponseTrend';
import { ServiceLevels } from '../components/ServiceLevels';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { graphql } from '../gql';
import type { AgentPerformanceQuery, Clock, TeamComparisonQuery } from '../gql/graphql';
import { formatDuration } from '../lib/duration';
import { formatNumber } from '../lib/format';
import { computePeriod, type PeriodPreset } from '../lib/period';
import { useSession } from '../lib/session';
import { calendarDateIn, isCalendarDate } from '../lib/time';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useLiveRefresh, useRefetchOn } from '../lib/useLiveRefresh';

export const agentPerformanceQuery = graphql(`
  query AgentPerformance($from: DateTime!, $to: DateTime!, $clock: Clock, $sectorId: ID) {
    sectors {
      id
      name
    }
    agentMetrics(from: $from, to: $to, clock: $clock, sectorId: $sectorId) {
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
    teamMetrics(from: $from, to: $to, clock: $clock, sectorId: $sectorId) {
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

/** The figures of the summary, over the period before: what each one is compared with. */
export const teamComparisonQuery = graphql(`
  query TeamComparison($from: DateTime!, $to: DateTime!, $clock: Clock, $sectorId: ID) {
    teamMetrics(from: $from, to: $to, clock: $clock, sectorId: $sectorId) {
      conversationsStarted
      conversationsResolved
      messages {
        customer
        agent
      }
      responseTime {
        count
        median
      }
      firstResponseTime {
        count
        median
      }
      queueTime {
        count
        median
      }
    }
  }
`);

const PRESETS: PeriodPreset[] = ['today', '7d', '30d', 'custom'];

/**
 * The period before, as long as the one shown and, for a period still running, cut at the
 * same point: today until now is compared with yesterday until the same hour.
 */
export function previousPeriod(from: string, to: string, now: number): { from: string; to: string } {
  const start = Date.parse(from);
  const length = Date.parse(to) - start;
  const end = Math.min(Date.parse(to), Math.max(start, now));
  return { from: new Date(start - length).toISOString(), to: new Date(end - length).toISOString() };
}

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
  const sectorId = params.get('sector') || null;

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

  // A period still running updates itself when new data lands (throttled; no reload).
  const running = Date.parse(period.to) > Date.now();
  const refresh = useLiveRefresh(running);
  const variables = useMemo(
    () => ({ from: period.from, to: period.to, clock, sectorId }),
    [period, clock, sectorId],
  );
  const [result, reexecute] = useQuery({ query: agentPerformanceQuery, variables });
  useRefetchOn(refresh, reexecute);
  const previous = useMemo(
    () => ({ ...previousPeriod(period.from, period.to, Date.now()), clock, sectorId }),
    [period, clock, sectorId, refresh],
  );
  const [comparison] = useQuery({ query: teamComparisonQuery, variables: previous });
  const data = result.data;
  const agents = useMemo(
    () =>
      [...(data?.agentMetrics ?? [])]
        .map((row) => row.agent)
        .sort((a, b) => a.name.localeCompare(b.name, 'pt-BR')),
    [data],
  );
  const sectors = useMemo(
    () => [...(data?.sectors ?? [])].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'pt-BR')),
    [data],
  );
  const meanId = useId();
  const sectorFilterId = useId();
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
            params={{
              from: period.from,
              to: period.to,
              clock: clock.toLowerCase(),
              ...(sectorId ? { sectorId } : {}),
            }}
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
        <div className="field field-inline">
          <label htmlFor={sectorFilterId}>Setor</label>
          <select
            id={sectorFilterId}
            value={sectorId ?? ''}
            onChange={(event) => setParam({ sector: event.target.value || null })}
            data-testid="sector-filter"
          >
            <option value="">Todos os setores</option>
            {sectorId && !sectors.some((s) => s.id === sectorId) ? (
              <option value={sectorId}>Setor selecionado</option>
            ) : null}
            {sectors.map((sector) => (
              <option key={sector.id} value={sector.id}>
                {sector.name ?? 'Sem nome'}
              </option>
            ))}
          </select>
        </div>
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
          <TeamSummary team={data.teamMetrics} previous={comparison.data?.teamMetrics ?? null} />
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
          <GroupMetrics
            from={period.from}
            to={period.to}
            clock={clock}
            showMean={showMean}
            refresh={refresh}
            sectorId={sectorId}
          />
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
        sectorId={sectorId}
        timeZone={timeZone}
        clock={clock}
        refresh={refresh}
      />
      <div className="charts-grid">
        <ResponseDistribution
          from={period.from}
          to={period.to}
          agentId={agentId}
          sectorId={sectorId}
          clock={clock}
          refresh={refresh}
        />
        <ActivityHeatmap
          from={period.from}
          to={period.to}
          agentId={agentId}
          sectorId={sectorId}
          refresh={refresh}
        />
      </div>
      <MetricDefinitions />
    </div>
  );
}

type Team = AgentPerformanceQuery['teamMetrics'];
type PreviousTeam = TeamComparisonQuery['teamMetrics'];

/** Whether a rise is good news (more resolved), bad news (longer waits) or neither (volume). */
type Better = 'higher' | 'lower' | 'neither';

interface Figure {
  label: string;
  value: string;
  now: number | null;
  before: number | null;
  better: Better;
}

function TeamSummary({ team, previous }: { team: Team; previous: PreviousTeam | null }) {
  const median = (stats: { count: number; median?: number | null }) =>
    stats.count > 0 ? (stats.median ?? null) : null;
  const items: Figure[] = [
    {
      label: 'Atendimentos iniciados',
      value: formatNumber(team.conversationsStarted),
      now: team.conversationsStarted,
      before: previous?.conversationsStarted ?? null,
      better: 'neither',
    },
    {
      label: 'Atendimentos resolvidos',
      value: formatNumber(team.conversationsResolved),
      now: team.conversationsResolved,
      before: previous?.conversationsResolved ?? null,
      better: 'higher',
    },
    {
      label: 'Mensagens de clientes',
      value: formatNumber(team.messages.customer),
      now: team.messages.customer,
      before: previous?.messages.customer ?? null,
      better: 'neither',
    },
    {
      label: 'Respostas de agentes',
      value: formatNumber(team.messages.agent),
      now: team.messages.agent,
      before: previous?.messages.agent ?? null,
      better: 'neither',
    },
    {
      label: 'Primeira resposta (mediana)',
      value: formatDuration(team.firstResponseTime.median),
      now: median(team.firstResponseTime),
      before: previous ? median(previous.firstResponseTime) : null,
      better: 'lower',
    },
    {
      label: 'Tempo de resposta (mediana)',
      value: formatDuration(team.responseTime.median),
      now: median(team.responseTime),
      before: previous ? median(previous.responseTime) : null,
      better: 'lower',
    },
    {
      label: 'Espera na fila (mediana)',
      value: team.queueTime.count > 0 ? formatDuration(team.queueTime.median) : '—',
      now: median(team.queueTime),
      before: previous ? median(previous.queueTime) : null,
      better: 'lower',
    },
  ];
  return (
    <dl className="counters counters-compact" data-testid="team-summary">
      {items.map((item) => (
        <div key={item.label} className="counter">
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
          <Change now={item.now} before={item.before} better={item.better} />
        </div>
      ))}
    </dl>
  );
}

/** ▲ or ▼ and the change in percent against the period before, coloured by whether it is good news. */
export function Change({
  now,
  before,
  better,
}: {
  now: number | null;
  before: number | null;
  better: Better;
}) {
  if (now === null || before === null || before === 0) {
    return (
      <dd className="change change-none" title="Sem dados no período anterior para comparar">
        sem comparação
      </dd>
    );
  }
  const percent = Math.round(((now - before) / before) * 100);
  if (percent === 0) {
    return (
      <dd className="change" title="Em relação ao período anterior">
        = período anterior
      </dd>
    );
  }
  const up = percent > 0;
  const tone = better === 'neither' ? '' : up === (better === 'higher') ? ' change-good' : ' change-bad';
  return (
    <dd className={`change${tone}`} title="Em relação ao período anterior, de mesma duração">
      <span aria-hidden="true">{up ? '▲' : '▼'}</span> {up ? '+' : '−'}
      {formatNumber(Math.abs(percent))} %
      <span className="visually-hidden"> em relação ao período anterior</span>
    </dd>
  );
}

/** Every figure of the page, said in words (the exact definitions: docs/metrics.md). */
function MetricDefinitions() {
  return (
    <section className="panel definitions" aria-labelledby="definitions-title">
      <details>
        <summary>
          <h2 id="definitions-title">Como calculamos</h2>
        </summary>
        <dl>
          <dt>Atendimento</dt>
          <dd>
            Um ciclo de uma conversa: da primeira mensagem até ser encerrada. Uma mensagem numa conversa
            encerrada abre um novo atendimento da mesma conversa. Conversas internas entre agentes não entram
            em nenhum número.
          </dd>
          <dt>Iniciados e resolvidos</dt>
          <dd>
            Iniciados: atendimentos que começaram no período. Resolvidos: atendimentos encerrados no período,
            inclusive os que começaram antes dele; por isso os resolvidos podem passar dos iniciados. Na
            tabela por agente, atendidos são os atendimentos em que o agente respondeu ao menos uma vez, e
            resolvidos os encerrados com ele como responsável.
          </dd>
          <dt>Tempo de resposta</dt>
          <dd>
            Para cada resposta de um agente: o tempo desde a primeira mensagem do cliente ainda sem resposta.
            Respostas de robô não param o relógio: quem só falou com o robô ainda espera por uma pessoa. Notas
            internas nunca contam.
          </dd>
          <dt>Primeira resposta</dt>
          <dd>
            O tempo de resposta da primeira resposta de um agente em cada atendimento iniciado pelo cliente,
            creditado a quem respondeu.
          </dd>
          <dt>Resolução</dt>
          <dd>
            Do início do atendimento até o encerramento, creditado ao agente responsável no momento do
            encerramento.
          </dd>
          <dt>Espera na fila</dt>
          <dd>
            Nos atendimentos que começaram sem agente: da primeira mensagem do cliente até um agente assumir.
            Conta para a equipe, não para um agente.
          </dd>
          <dt>Mediana, p90 e média</dt>
          <dd>
            Mediana: metade das amostras foi mais rápida que este valor. p90: 90 % das amostras foram mais
            rápidas que ele (mostra os piores casos sem deixar um único caso extremo dominar). Média: a soma
            dividida pelo número de amostras. Amostras: quantas medições entraram no número; um tempo de um
            período entra no período em que termina (a resposta, o encerramento).
          </dd>
          <dt>Calendário e horário comercial</dt>
          <dd>
            Calendário conta o tempo corrido, noites e fins de semana incluídos. Horário comercial conta só o
            tempo dentro dos horários e feriados definidos em Configurações.
          </dd>
          <dt>Metas (SLA)</dt>
          <dd>
            Uma amostra cumpre a meta quando fica dentro do tempo definido para a primeira resposta, as
            respostas seguintes ou a resolução; a taxa é cumpridas ÷ amostras.
          </dd>
          <dt>Setor e origem</dt>
          <dd>
            O setor é o atual da conversa. A origem de cada atendimento vem da primeira mensagem do cliente:
            anúncio quando ela chega com os dados de um anúncio, site ou outra pelas regras de Configurações,
            senão direto. Mensagens e tempos contam na origem do atendimento a que pertencem.
          </dd>
          <dt>Comparação</dt>
          <dd>
            ▲ e ▼ comparam com o período anterior de mesma duração (hoje até agora com ontem até a mesma
            hora). Verde quando melhora, vermelho quando piora; volume sem cor.
          </dd>
          <dt>Atualização</dt>
          <dd>
            Enquanto o período inclui agora, a página se atualiza sozinha quando chegam novos dados (no máximo
            a cada 30 segundos).
          </dd>
        </dl>
      </details>
    </section>
  );
}
