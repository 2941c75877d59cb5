import { useEffect } from 'react';
import { useClient } from 'urql';
import { graphql } from '../gql';
import { useDatabaseUnavailableSince } from '../lib/database';
import { formatTime } from '../lib/format';
import { useTimeZone } from '../lib/session';

const databaseCheckQuery = graphql(`
  query DatabaseCheck {
    viewer {
      name
    }
  }
`);

/** While it is shown, how often the server is asked again whether its database is back. */
const RECHECK_MS = 5_000;

/** Says that the numbers on screen are frozen because the server's database is unavailable. */
export function DatabaseBanner() {
  const since = useDatabaseUnavailableSince();
  const client = useClient();
  const timeZone = useTimeZone();
  useEffect(() => {
    if (!since) return;
    const timer = setInterval(() => {
      void client.query(databaseCheckQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    }, RECHECK_MS);
    return () => clearInterval(timer);
  }, [since, client]);
  if (!since) return null;
  return (
    <div className="lag-banner" role="alert" data-testid="database-unavailable">
      Banco de dados indisponível desde {formatTime(since, timeZone)}: os números na tela podem estar
      desatualizados. As mensagens do Umbler continuam guardadas e serão processadas quando ele voltar.
    </div>
  );
}
