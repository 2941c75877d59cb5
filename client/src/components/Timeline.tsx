import { graphql } from '../gql';
import type { TimelineEntryFieldsFragment, TimelineEntryKind } from '../gql/graphql';
import { formatDateTime, formatTime } from '../lib/format';
import { Icon, type IconName } from './Icon';

export const timelineEntryFragment = graphql(`
  fragment TimelineEntryFields on TimelineEntry {
    kind
    at
    agent {
      id
      name
    }
    fromAgent {
      id
      name
    }
    sector {
      id
      name
    }
    tags {
      id
      name
    }
    private
  }
`);

const ICONS: Record<TimelineEntryKind, IconName> = {
  ASSIGNED: 'user',
  TRANSFERRED: 'swap',
  UNASSIGNED: 'inbox',
  CLOSED: 'check',
  REOPENED: 'refresh',
  SECTOR_CHANGED: 'building',
  TAGS_CHANGED: 'tag',
  PRIVATE_CHANGED: 'lock',
};

/** Timeline entries have no id: key them by kind and time, numbering repeats. */
export function keyTimeline<T extends TimelineEntryFieldsFragment>(
  entries: readonly T[],
): { entry: T; key: string }[] {
  const seen = new Map<string, number>();
  return entries.map((entry) => {
    const base = `${entry.kind}-${entry.at}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { entry, key: n ? `${base}-${n}` : base };
  });
}

export function describeTimelineEntry(entry: TimelineEntryFieldsFragment): string {
  const to = entry.agent?.name ?? 'um agente';
  switch (entry.kind) {
    case 'ASSIGNED':
      return `Atribuída a ${to}`;
    case 'TRANSFERRED':
      return `Transferida de ${entry.fromAgent?.name ?? 'outro agente'} para ${to}`;
    case 'UNASSIGNED':
      return entry.fromAgent
        ? `Voltou para a fila (estava com ${entry.fromAgent.name})`
        : 'Voltou para a fila';
    case 'CLOSED':
      return entry.agent ? `Encerrada por ${entry.agent.name}` : 'Encerrada';
    case 'REOPENED':
      return 'Reaberta: novo atendimento';
    case 'SECTOR_CHANGED':
      return entry.sector ? `Setor alterado para ${entry.sector.name ?? 'sem nome'}` : 'Setor removido';
    case 'TAGS_CHANGED': {
      const names = (entry.tags ?? []).map((tag) => tag.name ?? 'sem nome');
      return names.length ? `Etiquetas: ${names.join(', ')}` : 'Etiquetas removidas';
    }
    case 'PRIVATE_CHANGED':
      return entry.private ? 'Marcada como privada' : 'Deixou de ser privada';
  }
}

export function TimelineEvent({ entry, timeZone }: { entry: TimelineEntryFieldsFragment; timeZone: string }) {
  return (
    <li
      className={`chat-event event-${entry.kind.toLowerCase()}`}
      data-testid="timeline-event"
      data-kind={entry.kind}
    >
      <span className="chat-event-pill">
        <Icon name={ICONS[entry.kind]} size={13} />
        {describeTimelineEntry(entry)}
        <time dateTime={entry.at} title={formatDateTime(entry.at, timeZone)}>
          {formatTime(entry.at, timeZone)}
        </time>
      </span>
    </li>
  );
}

export function TimelineList({
  entries,
  timeZone,
}: {
  entries: readonly TimelineEntryFieldsFragment[];
  timeZone: string;
}) {
  if (entries.length === 0) return <p className="muted panel-empty">Sem eventos.</p>;
  const sorted = [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <ol className="timeline" data-testid="timeline">
      {keyTimeline(sorted).map(({ entry, key }) => (
        <li key={key} className={`timeline-item event-${entry.kind.toLowerCase()}`} data-kind={entry.kind}>
          <span className="timeline-icon">
            <Icon name={ICONS[entry.kind]} size={13} />
          </span>
          <div>
            <div>{describeTimelineEntry(entry)}</div>
            <time className="muted" dateTime={entry.at}>
              {formatDateTime(entry.at, timeZone)}
            </time>
          </div>
        </li>
      ))}
    </ol>
  );
}
