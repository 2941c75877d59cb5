import { useEffect, useRef, useState } from 'react';
import { useConnectionState } from '../lib/connection';
import { formatTime } from '../lib/format';
import { useTimeZone } from '../lib/session';

/** A reconnect this short passes unannounced: the pill in the top bar says it already. */
export const STALE_AFTER_MS = 3_000;

/**
 * Says since when the numbers on screen stopped updating, once the live link has been lost for
 * more than a moment; gone as soon as it is back (the pages then catch up by themselves).
 */
export function StaleDataBanner() {
  const state = useConnectionState();
  const timeZone = useTimeZone();
  const [shown, setShown] = useState(false);
  const everConnected = useRef(false);
  /** When the link was lost: kept across the retries' state changes. */
  const lost = useRef<Date | null>(null);

  useEffect(() => {
    if (state === 'connected') {
      everConnected.current = true;
      lost.current = null;
      setShown(false);
      return;
    }
    // The first connection of a page is not a loss; the browser going offline always is.
    if (!everConnected.current && state !== 'offline') return;
    lost.current ??= new Date();
    // Counted from the loss: retries switching between states do not put the banner off.
    const wait = Math.max(0, lost.current.getTime() + STALE_AFTER_MS - Date.now());
    const timer = setTimeout(() => setShown(true), wait);
    return () => clearTimeout(timer);
  }, [state]);

  const lostAt = lost.current;
  if (!shown || !lostAt) return null;
  return (
    <div className="lag-banner" role="alert" data-testid="stale-data">
      Dados desatualizados desde {formatTime(lostAt, timeZone)}: sem conexão em tempo real com o servidor.
      Tentando reconectar; os números voltam a se atualizar sozinhos.
    </div>
  );
}
