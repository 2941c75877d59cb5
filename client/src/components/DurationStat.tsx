import { graphql } from '../gql';
import type { DurationStatsFieldsFragment } from '../gql/graphql';
import { formatDuration } from '../lib/duration';
import { formatNumber } from '../lib/format';

export const durationStatsFragment = graphql(`
  fragment DurationStatsFields on DurationStats {
    count
    mean
    median
    p90
  }
`);

/** Median first, p90 under it, mean on demand; the sample count in the tooltip. */
export function DurationStat({ stats, showMean }: { stats: DurationStatsFieldsFragment; showMean: boolean }) {
  if (stats.count === 0) {
    return (
      <span className="stat stat-empty" title="Sem amostras no período">
        —
      </span>
    );
  }
  return (
    <span
      className="stat"
      title={`${formatNumber(stats.count)} ${stats.count === 1 ? 'amostra' : 'amostras'}`}
    >
      <span className="stat-main">{formatDuration(stats.median)}</span>
      <span className="stat-sub">p90 {formatDuration(stats.p90)}</span>
      {showMean ? <span className="stat-sub">média {formatDuration(stats.mean)}</span> : null}
    </span>
  );
}
