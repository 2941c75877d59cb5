import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { Clock, Granularity } from '../gql/graphql';
import { formatDuration } from '../lib/duration';
import { formatDateTime, formatNumber, formatShortDate, formatTime } from '../lib/format';
import { zonedParts } from '../lib/time';
import { useRefetchOn } from '../lib/useLiveRefresh';
import { EmptyState, ErrorState, LoadingState } from './States';

export const responseTrendQuery = graphql(`
  query ResponseTrend($from: DateTime!, $to: DateTime!, $granularity: Granularity!, $agentId: ID, $clock: Clock) {
    metricsSeries(from: $from, to: $to, granularity: $granularity, agentId: $agentId, clock: $clock) {
      start
      conversationsStarted
      responseTime {
        ...DurationStatsFields
      }
      firstResponseTime {
        ...DurationStatsFields
      }
    }
  }
`);

type Metric = 'responseTime' | 'firstResponseTime';

const WIDTH = 960;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 16, bottom: 34, left: 72 };
const NICE_STEPS = [
  5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 432000, 864000,
];

function niceStep(max: number): number {
  const raw = max / 4;
  return NICE_STEPS.find((step) => step >= raw) ?? Math.ceil(raw / 86400) * 86400;
}

export function ResponseTrend({
  from,
  to,
  granularity,
  agentId,
  timeZone,
  clock = 'CALENDAR',
  refresh = 0,
}: {
  from: string;
  to: string;
  granularity: Granularity;
  agentId: string | null;
  timeZone: string;
  clock?: Clock;
  /** Goes up when new data has landed (`useLiveRefresh`). */
  refresh?: number;
}) {
  const [metric, setMetric] = useState<Metric>('responseTime');
  const [result, reexecute] = useQuery({
    query: responseTrendQuery,
    variables: { from, to, granularity, agentId, clock },
  });
  useRefetchOn(refresh, reexecute);
  const metricId = useId();
  const buckets = result.data?.metricsSeries
    ? [...result.data.metricsSeries].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    : null;

  const label = (start: string) =>
    granularity === 'HOUR' && zonedParts(Date.parse(start), timeZone).hour !== 0
      ? formatTime(start, timeZone)
      : formatShortDate(start, timeZone);
  const fullLabel = (start: string) =>
    granularity === 'HOUR' ? formatDateTime(start, timeZone) : formatShortDate(start, timeZone);

  return (
    <section className="panel" aria-labelledby="trend-title">
      <header className="panel-header">
        <h2 id="trend-title">Tendência do tempo de resposta</h2>
        <div className="field field-inline">
          <label htmlFor={metricId}>Métrica</label>
          <select id={metricId} value={metric} onChange={(event) => setMetric(event.target.value as Metric)}>
            <option value="responseTime">Tempo de resposta</option>
            <option value="firstResponseTime">Primeira resposta</option>
          </select>
        </div>
      </header>
      {result.error && !buckets ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !buckets ? (
        <LoadingState label="Carregando tendência…" rows={4} />
      ) : buckets.every((b) => b[metric].count === 0) ? (
        <EmptyState title="Sem respostas no período" icon="clock" />
      ) : (
        <TrendChart
          points={buckets.map((b) => ({
            key: b.start,
            label: label(b.start),
            fullLabel: fullLabel(b.start),
            median: b[metric].count ? (b[metric].median ?? null) : null,
            p90: b[metric].count ? (b[metric].p90 ?? null) : null,
            count: b[metric].count,
          }))}
          title={metric === 'responseTime' ? 'Tempo de resposta' : 'Primeira resposta'}
        />
      )}
    </section>
  );
}

interface Point {
  key: string;
  label: string;
  fullLabel: string;
  median: number | null;
  p90: number | null;
  count: number;
}

function TrendChart({ points, title }: { points: Point[]; title: string }) {
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...points.flatMap((p) => [p.median ?? 0, p.p90 ?? 0]));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const x = (i: number) =>
    MARGIN.left + (points.length === 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (v: number) => MARGIN.top + innerH - (v / top) * innerH;
  const labelEvery = Math.max(1, Math.ceil(points.length / 12));

  const path = (pick: (p: Point) => number | null) => {
    let d = '';
    let pen = false;
    points.forEach((p, i) => {
      const v = pick(p);
      if (v == null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };

  const medians = points.filter((p) => p.median != null);
  const summary = `${title}: ${points.length} períodos; mediana entre ${formatDuration(
    Math.min(...medians.map((p) => p.median as number)),
  )} e ${formatDuration(Math.max(...medians.map((p) => p.median as number)))}.`;

  return (
    <figure className="chart" data-testid="trend-chart">
      <div className="chart-scroll">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="chart-svg">
          {ticks.map((tick) => (
            <g key={tick}>
              <line
                className="chart-grid"
                x1={MARGIN.left}
                x2={WIDTH - MARGIN.right}
                y1={y(tick)}
                y2={y(tick)}
              />
              <text className="chart-axis" x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
                {formatDuration(tick)}
              </text>
            </g>
          ))}
          {points.map((p, i) =>
            i % labelEvery === 0 ? (
              <text
                key={p.key}
                className="chart-axis"
                x={x(i)}
                y={HEIGHT - MARGIN.bottom + 20}
                textAnchor="middle"
              >
                {p.label}
              </text>
            ) : null,
          )}
          <path className="chart-line chart-line-p90" d={path((p) => p.p90)} />
          <path className="chart-line chart-line-median" d={path((p) => p.median)} />
          {points.map((p, i) =>
            p.median != null ? (
              <circle key={p.key} className="chart-dot" cx={x(i)} cy={y(p.median)} r={3.5}>
                <title>
                  {`${p.fullLabel}: mediana ${formatDuration(p.median)}, p90 ${formatDuration(p.p90)} (${formatNumber(p.count)} respostas)`}
                </title>
              </circle>
            ) : null,
          )}
        </svg>
      </div>
      <figcaption className="chart-legend">
        <span className="legend-item">
          <span className="legend-swatch legend-median" /> Mediana
        </span>
        <span className="legend-item">
          <span className="legend-swatch legend-p90" /> p90
        </span>
      </figcaption>
      <details className="chart-data">
        <summary>Ver dados em tabela</summary>
        <div className="table-scroll">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Período</th>
                <th scope="col">Mediana</th>
                <th scope="col">p90</th>
                <th scope="col">Respostas</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.key}>
                  <th scope="row">{p.fullLabel}</th>
                  <td>{formatDuration(p.median)}</td>
                  <td>{formatDuration(p.p90)}</td>
                  <td className="num">{formatNumber(p.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
