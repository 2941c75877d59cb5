import { type ConnectionState, useConnectionState } from '../lib/connection';

const LABELS: Record<ConnectionState, string> = {
  connected: 'Conectado',
  connecting: 'Conectando',
  reconnecting: 'Reconectando',
  offline: 'Offline',
};

const DESCRIPTIONS: Record<ConnectionState, string> = {
  connected: 'Recebendo atualizações em tempo real',
  connecting: 'Abrindo a conexão em tempo real',
  reconnecting: 'Conexão perdida; tentando de novo',
  offline: 'Sem conexão em tempo real; os dados podem estar desatualizados',
};

export function ConnectionIndicator() {
  const state = useConnectionState();
  return (
    <span
      className={`connection connection-${state}`}
      role="status"
      title={DESCRIPTIONS[state]}
      data-testid="connection-status"
      data-state={state}
    >
      <span className="connection-dot" aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}
