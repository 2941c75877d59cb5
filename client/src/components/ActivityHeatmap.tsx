import { useQuery } from 'urql';
import { graphql } from '../gql';
import { formatNumber } from '../lib/format';
import { WEEKDAY_LONG, WEEKDAY_SHORT } from '../lib/labels';
import { useRefetchOn } from '../lib/useLiveRefresh';
import { EmptyState, ErrorState, LoadingState } from './States';
import { TableScroll } from './TableScroll';

export const activityHeatmapQuery = graphql(`
  query ActivityHeatmap($from: DateTime!, $to: DateTime!, $agentId: ID, $sectorId: ID) {
    activityHeatmap(from: $from, to: $to, agentId: $agentId, sectorId: $sectorId) {
      weekday
      hour
      messages
    }
  }
`);

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

export function ActivityHeatmap({
  from,
  to,
  agentId,
  sectorId,
  refresh = 0,
}: {
  from: string;
  to: string;
  agentId: string | null;
  sectorId: string | null;
  refresh?: number;
}) {
  const [result, reexecute] = useQuery({
    query: activityHeatmapQuery,
    variables: { from, to, agentId, sectorId },
  });
  useRefetchOn(refresh, reexecute);
  const cells = result.data?.activityHeatmap ?? null;
  const grid = WEEKDAY_SHORT.map(() => HOURS.map(() => 0));
  for (const cell of cells ?? []) {
    const row = grid[cell.weekday - 1];
    if (row && cell.hour >= 0 && cell.hour < 24) row[cell.hour] = cell.messages;
  }
  const max = Math.max(0, ...grid.flat());

  return (
    <section className="panel" aria-labelledby="heatmap-title">
      <header className="panel-header">
        <h2 id="heatmap-title">Volume por dia da semana e hora</h2>
        <span className="muted">Mensagens de clientes</span>
      </header>
      {result.error && !cells ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !cells ? (
        <LoadingState label="Carregando mapa de calor…" rows={4} />
      ) : max === 0 ? (
        <EmptyState title="Nenhuma mensagem de cliente no período" icon="inbox" />
      ) : (
        <>
          <TableScroll label="Mapa de calor de mensagens">
            <table className="heatmap" data-testid="activity-heatmap">
              <caption className="visually-hidden">
                Mensagens de clientes por dia da semana (linhas) e hora (colunas)
              </caption>
              <thead>
                <tr>
                  <td />
                  {HOURS.map((hour) => (
                    <th key={hour} scope="col" className="heatmap-hour">
                      {hour % 3 === 0 ? `${hour}h` : <span className="visually-hidden">{hour}h</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.map((row, weekdayIndex) => (
                  <tr key={WEEKDAY_SHORT[weekdayIndex]}>
                    <th scope="row" className="heatmap-day">
                      <abbr title={WEEKDAY_LONG[weekdayIndex]}>{WEEKDAY_SHORT[weekdayIndex]}</abbr>
                    </th>
                    {HOURS.map((hour) => {
                      const count = row[hour] ?? 0;
                      const level = count === 0 ? 0 : Math.ceil((count / max) * 5);
                      const text = `${WEEKDAY_LONG[weekdayIndex]}, ${hour}h: ${formatNumber(count)} ${count === 1 ? 'mensagem' : 'mensagens'}`;
                      return (
                        <td key={hour} className={`heatmap-cell level-${level}`} title={text}>
                          <span className="visually-hidden">{formatNumber(count)}</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <div className="heatmap-legend" aria-hidden="true">
            <span>Menos</span>
            {[0, 1, 2, 3, 4, 5].map((level) => (
              <span key={level} className={`heatmap-cell level-${level}`} />
            ))}
            <span>Mais</span>
          </div>
        </>
      )}
    </section>
  );
}
