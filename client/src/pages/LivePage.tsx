import { useId } from 'react';
import { AgentLoadList, LiveCounters, useLiveOverview } from '../components/LiveOverview';
import { OpenConversations } from '../components/OpenConversations';
import { SlaAlertsToggle } from '../components/SlaAlerts';
import { formatDuration } from '../lib/duration';
import { useWaitAlertThreshold, WAIT_ALERT_OPTIONS } from '../lib/live';
import { useDocumentTitle } from '../lib/useDocumentTitle';

export function LivePage() {
  useDocumentTitle('Tempo real');
  const { overview, error, reexecute } = useLiveOverview();
  const [threshold, setThreshold] = useWaitAlertThreshold();
  const thresholdId = useId();
  const options = WAIT_ALERT_OPTIONS.includes(threshold)
    ? WAIT_ALERT_OPTIONS
    : [...WAIT_ALERT_OPTIONS, threshold].sort((a, b) => a - b);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Tempo real</h1>
          <p className="page-subtitle">O que está acontecendo agora no atendimento.</p>
        </div>
        <SlaAlertsToggle />
        <div className="field field-inline">
          <label htmlFor={thresholdId}>Destacar espera acima de</label>
          <select
            id={thresholdId}
            value={threshold}
            onChange={(event) => setThreshold(Number(event.target.value))}
            data-testid="wait-threshold"
          >
            {options.map((seconds) => (
              <option key={seconds} value={seconds}>
                {formatDuration(seconds)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LiveCounters overview={overview} thresholdSeconds={threshold} />
      <div className="live-grid">
        <OpenConversations thresholdSeconds={threshold} />
        <AgentLoadList
          overview={overview}
          error={error}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>
    </div>
  );
}
