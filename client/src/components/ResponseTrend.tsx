import { useEffect, useId, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { Clock, Granularity } from '../gql/graphql';
import { formatDuration } from '../lib/duration';
import { formatDateTime, formatNumber, formatShortDate, formatTime } from '../lib/format';
import { zonedParts } from '../lib/time';
import { useRefetchOn } from '../lib/useLiveRefresh';
import { EmptyState, ErrorState, LoadingState } from './States';
import { TableScroll } from './TableScroll';

export const responseTrendQuery = graphql(`
  query ResponseTrend($from: DateTime!, $to: DateTime!, $granularity: Granularity!, $agentId: ID, $sectorId: ID, $clock: Clock) {
    metricsSeries(from: $from, to: $to, granularity: $granularity, agentId: $agentId, sectorId: $sectorId, clock: $clock) {
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

/** Drawn at the width it is shown at, so its 11 px labels stay 11 px on a phone. */
const DEFAULT_WIDTH = 960;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 16, bottom: 34, left: 64 };
/** Room a date label needs on the x axis. */
const LABEL_PX = 64;
const NICE_STEPS = [
  5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 432000, 864000,
];

/** Durations a log axis marks: minutes of medians and days of p90 both readable. */
const LOG_TICKS = [1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600, 14400, 43200, 86400, 259200, 604800, 2592000];

type Scale = 'log' | 'linear';

/** Where a duration sits on the chart's height (0 at the bottom, 1 at the top), and the ticks. */
export function durationScale(
  values: number[],
  scale: Scale,
): { at: (v: number) => number; ticks: number[] } {
  const max = Math.max(1, ...values);
  if (scale === 'linear') {
    const step = niceStep(max);
    const top = Math.ceil(max / step) * step;
    return {
      at: (v) => v / top,
      ticks: Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step),
    };
  }
  const positive = values.filter((v) => v > 0);
  const min = positive.length ? Math.min(...positive) : 1;
  const bottom = [...LOG_TICKS].reverse().find((t) => t <= min) ?? 1;
  // At least two ticks: all values equal (or all zero) still get an axis.
  const top = LOG_TICKS.find((t) => t >= max && t > bottom) ?? max;
  const span = Math.log(top) - Math.log(bottom) || 1;
  return {
    // Zero and anything under the bottom tick sit on the bottom line.
    at: (v) => Math.max(0, (Math.log(Math.max(v, bottom)) - Math.log(bottom)) / span),
    ticks: LOG_TICKS.filter((t) => t >= bottom && t <= top),
  };
}

function niceStep(max: number): number {
  const raw = max / 4;
  return NICE_STEPS.find((step) => step >= raw) ?? Math.ceil(raw / 86400) * 86400;
}

export function ResponseTrend({
  from,
  to,
  granularity,
  agentId,
  sectorId,
  timeZone,
  clock = 'CALENDAR',
  refresh = 0,
}: {
  from: string;
  to: string;
  granularity: Granularity;
  agentId: string | null;
  sectorId: string | null;
  timeZone: string;
  clock?: Clock;
  /** Goes up when new data has landed (`useLiveRefresh`). */
  refresh?: number;
}) {
  const [metric, setMetric] = useState<Metric>('responseTime');
  const [scale, setScale] = useState<Scale>('log');
  const [result, reexecute] = useQuery({
    query: responseTrendQuery,
    variables: { from, to, granularity, agentId, sectorId, clock },
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
        <fieldset className="segmented" aria-label="Escala do eixo dos tempos">
          <button
            type="button"
            aria-pressed={scale === 'log'}
            onClick={() => setScale('log')}
            title="Minutos e dias legíveis no mesmo gráfico"
          >
            Logarítmica
          </button>
          <button type="button" aria-pressed={scale === 'linear'} onClick={() => setScale('linear')}>
            Linear
          </button>
        </fieldset>
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
          scale={scale}
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

function TrendChart({ points, title, scale }: { points: Point[]; title: string; scale: Scale }) {
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const width = useWidth(box) ?? DEFAULT_WIDTH;
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const { at, ticks } = durationScale(
    points.flatMap((p) => [p.median, p.p90]).filter((v): v is number => v != null),
    scale,
  );
  const x = (i: number) =>
    MARGIN.left + (points.length === 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (v: number) => MARGIN.top + innerH - at(v) * innerH;
  const labelEvery = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(innerW / LABEL_PX))));

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
      <div className="chart-scroll" ref={setBox}>
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={summary} className="chart-svg">
          {ticks.map((tick) => (
            <g key={tick}>
              <line
                className="chart-grid"
                x1={MARGIN.left}
                x2={width - MARGIN.right}
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
          {/* Every p90 marked too: a bucket between two empty ones has no line to show it. */}
          {points.map((p, i) =>
            p.p90 != null ? (
              <circle key={`p90-${p.key}`} className="chart-dot chart-dot-p90" cx={x(i)} cy={y(p.p90)} r={3}>
                <title>{`${p.fullLabel}: p90 ${formatDuration(p.p90)}, mediana ${formatDuration(p.median)}`}</title>
              </circle>
            ) : null,
          )}
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
        <TableScroll label="Dados da tendência em tabela">
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
        </TableScroll>
      </details>
    </figure>
  );
}

/** The element's content width in CSS pixels, following it as it resizes. */
function useWidth(element: HTMLElement | null): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    if (!element) return;
    const measure = () => setWidth(Math.round(element.clientWidth) || null);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return width;
}
