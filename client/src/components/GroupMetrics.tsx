import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { Clock, GroupMetricsQuery } from '../gql/graphql';
import { formatNumber } from '../lib/format';
import { originLabel } from '../lib/labels';
import { useRefetchOn } from '../lib/useLiveRefresh';
import { DurationStat } from './DurationStat';
import { HitRateStat } from './ServiceLevels';
import { ErrorState, LoadingState } from './States';
import { TableScroll } from './TableScroll';

export const groupMetricsQuery = graphql(`
  query GroupMetrics($from: DateTime!, $to: DateTime!, $clock: Clock, $sectorId: ID) {
    sectorMetrics(from: $from, to: $to, clock: $clock) {
      sector {
        id
        name
      }
      conversationsStarted
      conversationsResolved
      firstResponseTime {
        ...DurationStatsFields
      }
      responseTime {
        ...DurationStatsFields
      }
      queueTime {
        ...DurationStatsFields
      }
      sla {
        firstResponse {
          met
          total
          rate
        }
      }
    }
    originMetrics(from: $from, to: $to, clock: $clock, sectorId: $sectorId) {
      origin
      conversationsStarted
      conversationsResolved
      firstResponseTime {
        ...DurationStatsFields
      }
      responseTime {
        ...DurationStatsFields
      }
      queueTime {
        ...DurationStatsFields
      }
      sla {
        firstResponse {
          met
          total
          rate
        }
      }
    }
  }
`);

type Row = GroupMetricsQuery['sectorMetrics'][number] | GroupMetricsQuery['originMetrics'][number];
type Grouping = 'sector' | 'origin';

const nameOf = (row: Row): string =>
  'origin' in row ? originLabel({ kind: row.origin }) : (row.sector?.name ?? 'Sem setor');

/** The team's figures per sector or per origin of the cycles, for the page's period and clock. */
export function GroupMetrics({
  from,
  to,
  clock,
  showMean,
  refresh,
  sectorId,
}: {
  from: string;
  to: string;
  clock: Clock;
  showMean: boolean;
  refresh: number;
  /** Origins within this sector (the per-sector table always shows every sector). */
  sectorId: string | null;
}) {
  const [grouping, setGrouping] = useState<Grouping>('sector');
  const [result, reexecute] = useQuery({
    query: groupMetricsQuery,
    variables: { from, to, clock, sectorId },
  });
  useRefetchOn(refresh, reexecute);
  const data = result.data;
  // Groups with nothing in the period go last, then by name as the API lists them.
  const rows: Row[] = data ? (grouping === 'sector' ? data.sectorMetrics : data.originMetrics) : [];
  const sorted = [...rows].sort(
    (a, b) => Number(b.conversationsStarted > 0) - Number(a.conversationsStarted > 0),
  );
  const label = grouping === 'sector' ? 'Setor' : 'Origem';

  return (
    <section className="panel" aria-labelledby="groups-title" data-testid="group-metrics">
      <header className="panel-header">
        <h2 id="groups-title">Por {grouping === 'sector' ? 'setor' : 'origem'}</h2>
        <fieldset className="segmented" aria-label="Agrupar por">
          {(['sector', 'origin'] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={grouping === value}
              onClick={() => setGrouping(value)}
              data-testid={`group-by-${value}`}
            >
              {value === 'sector' ? 'Setor' : 'Origem'}
            </button>
          ))}
        </fieldset>
      </header>
      {result.error && !data ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <LoadingState label="Carregando…" rows={3} />
      ) : (
        <TableScroll label={`Desempenho por ${label.toLowerCase()}`} sticky>
          <table className="table table-metrics" data-testid={`${grouping}-metrics-table`}>
            <caption className="visually-hidden">
              Desempenho da equipe por {label.toLowerCase()}. Tempos: mediana e p90.
            </caption>
            <thead>
              <tr>
                <th scope="col">{label}</th>
                <th scope="col" className="num">
                  Atendimentos iniciados
                </th>
                <th scope="col" className="num">
                  Atendimentos resolvidos
                </th>
                <th scope="col" className="num">
                  Espera na fila
                </th>
                <th scope="col" className="num">
                  1ª resposta
                </th>
                <th scope="col" className="num">
                  Tempo de resposta
                </th>
                <th scope="col" className="num">
                  SLA da 1ª resposta
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((row) => (
                <tr key={'origin' in row ? row.origin : (row.sector?.id ?? 'none')} data-testid="group-row">
                  <th scope="row">{nameOf(row)}</th>
                  <td className="num">{formatNumber(row.conversationsStarted)}</td>
                  <td className="num">{formatNumber(row.conversationsResolved)}</td>
                  <td className="num">
                    <DurationStat stats={row.queueTime} showMean={showMean} />
                  </td>
                  <td className="num">
                    <DurationStat stats={row.firstResponseTime} showMean={showMean} />
                  </td>
                  <td className="num">
                    <DurationStat stats={row.responseTime} showMean={showMean} />
                  </td>
                  <td className="num">
                    <HitRateStat rate={row.sla.firstResponse} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
