import { useEffect, useId, useRef } from 'react';
import { useSubscription } from 'urql';
import { graphql } from '../gql';
import { SLA_KIND_LABELS, useChime, useSlaAlertsOptIn } from '../lib/sla';
import { contactLabel } from './ConversationCard';

export const slaAlertsSubscription = graphql(`
  subscription SlaAlerts {
    slaAlerts {
      kind
      state
      dueAt
      conversation {
        id
        contact {
          externalId
          name
          phoneNumber
        }
      }
    }
  }
`);

/**
 * "Avisar estouros": when on, each new breach plays a chime and, if the browser allows, shows a
 * notification. The subscription first replays what is already breached: those stay quiet.
 */
export function SlaAlertsToggle() {
  const [on, setOn] = useSlaAlertsOptIn();
  const id = useId();
  return (
    <label className="toggle" htmlFor={id}>
      <input id={id} type="checkbox" checked={on} onChange={(event) => setOn(event.target.checked)} />
      Avisar estouros de SLA (som e notificação)
      {on ? <SlaAlertListener /> : null}
    </label>
  );
}

function SlaAlertListener() {
  const chime = useChime();
  const since = useRef(Date.now());
  const [{ data }] = useSubscription({ query: slaAlertsSubscription });
  const alert = data?.slaAlerts;
  useEffect(() => {
    if (alert?.state !== 'BREACHED') return;
    // Breached before the listener started: already on screen, no alarm.
    if (alert.dueAt && Date.parse(alert.dueAt) < since.current) return;
    chime();
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      const who = contactLabel(alert.conversation.contact);
      new Notification(`SLA estourado: ${SLA_KIND_LABELS[alert.kind]}`, {
        body: `${who} está sem resposta dentro da meta.`,
        tag: `sla-${alert.conversation.id}-${alert.kind}`,
      });
    }
  }, [alert, chime]);
  return null;
}
