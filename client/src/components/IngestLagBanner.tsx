import { useEffect } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { formatDuration, secondsSince } from '../lib/duration';
import { useNow } from '../lib/useNow';

export const ingestStatusQuery = graphql(`
  query IngestStatus {
    ingestStatus {
      pending
      oldestPendingAt
    }
  }
`);

/** Past this, what the dashboard shows is visibly behind what Umbler sent. */
export const LAG_ALERT_SECONDS = 60;
const REFRESH_MS = 15_000;

/** For admins: says when webhook events wait too long to be processed. */
export function IngestLagBanner() {
  const [result, refresh] = useQuery({ query: ingestStatusQuery, requestPolicy: 'network-only' });
  const now = useNow(5000);
  useEffect(() => {
    const timer = setInterval(() => refresh({ requestPolicy: 'network-only' }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  const status = result.data?.ingestStatus;
  if (!status?.oldestPendingAt) return null;
  const age = secondsSince(status.oldestPendingAt, now);
  if (age < LAG_ALERT_SECONDS) return null;
  return (
    <div className="lag-banner" role="alert" data-testid="ingest-lag">
      Processamento atrasado: {status.pending.toLocaleString('pt-BR')}{' '}
      {status.pending === 1 ? 'evento' : 'eventos'}, há {formatDuration(age)}
    </div>
  );
}
