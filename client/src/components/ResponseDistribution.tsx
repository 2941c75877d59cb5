import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { Clock } from '../gql/graphql';
import { formatDuration } from '../lib/duration';
import { formatNumber } from '../lib/format';
import { useRefetchOn } from '../lib/useLiveRefresh';
import { EmptyState, ErrorState, LoadingState } from './States';

export const responseDistributionQuery = graphql(`
  query ResponseDistribution($from: DateTime!, $to: DateTime!, $agentId: ID, $sectorId: ID, $clock: Clock) {
    responseTimeDistribution(from: $from, to: $to, agentId: $agentId, sectorId: $sectorId, clock: $clock) {
      upToSeconds
      count
    }
  }
`);

const percent = new Intl.NumberFormat('pt-BR', { style: 'percent', maximumFractionDigits: 0 });

export function binLabel(upTo: number | null | undefined, previous: number | null): string {
  if (upTo == null) return previous == null ? 'Todas' : `mais de ${formatDuration(previous)}`;
  if (previous == null) return `até ${formatDuration(upTo)}`;
  return `${formatDuration(previous)} a ${formatDuration(upTo)}`;
}

export function ResponseDistribution({
  from,
  to,
  agentId,
  sectorId,
  clock = 'CALENDAR',
  refresh = 0,
}: {
  from: string;
  to: string;
  agentId: string | null;
  sectorId: string | null;
  clock?: Clock;
  refresh?: number;
}) {
  const [result, reexecute] = useQuery({
    query: responseDistributionQuery,
    variables: { from, to, agentId, sectorId, clock },
  });
  useRefetchOn(refresh, reexecute);
  const bins = result.data?.responseTimeDistribution
    ? [...result.data.responseTimeDistribution].sort(
        (a, b) => (a.upToSeconds ?? Number.POSITIVE_INFINITY) - (b.upToSeconds ?? Number.POSITIVE_INFINITY),
      )
    : null;
  const total = bins?.reduce((sum, bin) => sum + bin.count, 0) ?? 0;
  const max = Math.max(1, ...(bins ?? []).map((bin) => bin.count));

  return (
    <section className="panel" aria-labelledby="distribution-title">
      <header className="panel-header">
        <h2 id="distribution-title">Distribuição do tempo de resposta</h2>
        {bins && total > 0 ? <span className="muted">{formatNumber(total)} respostas</span> : null}
      </header>
      {result.error && !bins ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !bins ? (
        <LoadingState label="Carregando distribuição…" rows={4} />
      ) : total === 0 ? (
        <EmptyState title="Sem respostas no período" icon="clock" />
      ) : (
        <ul className="histogram" data-testid="response-distribution">
          {bins.map((bin, index) => {
            const label = binLabel(bin.upToSeconds, bins[index - 1]?.upToSeconds ?? null);
            return (
              <li key={bin.upToSeconds ?? 'open'} className="histogram-row">
                <span className="histogram-label">{label}</span>
                <span className="histogram-track" aria-hidden="true">
                  <span className="histogram-bar" style={{ width: `${(bin.count / max) * 100}%` }} />
                </span>
                <span className="histogram-value">
                  {formatNumber(bin.count)}{' '}
                  <span className="muted">({percent.format(bin.count / total)})</span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
