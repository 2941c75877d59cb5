import { graphql } from '../gql';
import type { AgentPerformanceQuery, SlaHitRatesFieldsFragment } from '../gql/graphql';
import { formatDuration } from '../lib/duration';
import { formatNumber } from '../lib/format';

export const slaHitRatesFragment = graphql(`
  fragment SlaHitRatesFields on SlaHitRates {
    firstResponse {
      met
      total
      rate
    }
    nextResponse {
      met
      total
      rate
    }
    resolution {
      met
      total
      rate
    }
  }
`);

const percent = new Intl.NumberFormat('pt-BR', { style: 'percent', maximumFractionDigits: 1 });

type HitRate = SlaHitRatesFieldsFragment['firstResponse'];

/** "92,3 %" with "48 de 52" under it; a dash when no policy judged anything. */
export function HitRateStat({ rate }: { rate: HitRate }) {
  if (rate.total === 0 || rate.rate == null) {
    return (
      <span className="stat stat-empty" title="Nenhuma amostra com meta de SLA no período">
        —
      </span>
    );
  }
  return (
    <span className="stat" data-testid="sla-rate">
      <span className="stat-main">{percent.format(rate.rate)}</span>
      <span className="stat-sub">
        {formatNumber(rate.met)} de {formatNumber(rate.total)}
      </span>
    </span>
  );
}

const BAND_COLORS = ['#18703f', '#2454d6', '#8a5300', '#b42318', '#5b34c2', '#4f5664', '#0e7490', '#9d174d'];

type Team = AgentPerformanceQuery['teamMetrics'];

/** SLA hit rates and the response-time rating of the team. */
export function ServiceLevels({ team }: { team: Team }) {
  const rates = [
    { label: 'SLA da 1ª resposta', rate: team.sla.firstResponse },
    { label: 'SLA das demais respostas', rate: team.sla.nextResponse },
    { label: 'SLA de resolução', rate: team.sla.resolution },
  ];
  const ratings = team.responseRatings;
  const rated = ratings.reduce((sum, band) => sum + band.count, 0);
  return (
    <div className="charts-grid">
      <section className="panel" aria-labelledby="sla-title" data-testid="sla-panel">
        <header className="panel-header">
          <h2 id="sla-title">Metas de SLA</h2>
        </header>
        <dl className="sla-rates">
          {rates.map(({ label, rate }) => (
            <div key={label}>
              <dt
                className="sla-rate-label"
                title="Amostras dentro da meta da política em vigor quando começaram"
              >
                {label}
              </dt>
              <dd className="sla-rate-value">
                <HitRateStat rate={rate} />
              </dd>
            </div>
          ))}
          <div>
            <dt className="sla-rate-label" title="1ª resposta menos a espera na fila: a parte do agente">
              1ª resposta após atribuição
            </dt>
            <dd className="sla-rate-value">{formatDuration(team.firstResponseAfterAssignment.median)}</dd>
          </div>
        </dl>
      </section>
      <section className="panel" aria-labelledby="ratings-title" data-testid="ratings-panel">
        <header className="panel-header">
          <h2 id="ratings-title">Avaliação do tempo de resposta</h2>
        </header>
        {rated === 0 ? (
          <p className="muted panel-empty">Sem respostas no período.</p>
        ) : (
          <div className="ratings">
            <div
              className="rating-bar"
              role="img"
              aria-label={ratings.map((b) => `${b.label} ${percent.format(b.share ?? 0)}`).join(', ')}
            >
              {ratings.map((band, index) =>
                band.count > 0 ? (
                  <span
                    key={band.label}
                    style={{
                      width: `${(band.share ?? 0) * 100}%`,
                      background: BAND_COLORS[index % BAND_COLORS.length],
                    }}
                  />
                ) : null,
              )}
            </div>
            <ul className="rating-legend">
              {ratings.map((band, index, all) => (
                <li key={band.label} data-testid="rating-band">
                  <span className="swatch" style={{ background: BAND_COLORS[index % BAND_COLORS.length] }} />
                  <strong>{band.label}</strong>{' '}
                  {band.upToSeconds != null
                    ? `até ${formatDuration(band.upToSeconds)}`
                    : `acima de ${formatDuration(all[index - 1]?.upToSeconds ?? 0)}`}
                  : {percent.format(band.share ?? 0)} ({formatNumber(band.count)})
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
