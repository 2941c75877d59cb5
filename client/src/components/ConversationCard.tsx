import { Link } from 'react-router-dom';
import { graphql } from '../gql';
import type { ConversationSummaryFragment, LiveConversationFragment } from '../gql/graphql';
import { formatDuration, secondsSince } from '../lib/duration';
import { formatPhone } from '../lib/format';
import { mostUrgent, SLA_KIND_LABELS, secondsUntil } from '../lib/sla';
import { Icon } from './Icon';
import { MessagePreview } from './MessagePreview';
import { StatusBadge } from './StatusBadge';
import { TagList } from './TagList';

export const conversationSummaryFragment = graphql(`
  fragment ConversationSummary on Conversation {
    id
    externalId
    status
    internal
    channelName
    waitingSince
    openedAt
    closedAt
    lastMessageAt
    lastActivityAt
    contact {
      externalId
      name
      phoneNumber
    }
    assignee {
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
    lastMessage {
      id
      sentAt
      sender
      isNote
      type
      text
      file {
        name
      }
    }
  }
`);

/** What the live list shows: the summary, and the service-level targets running now. */
export const liveConversationFragment = graphql(`
  fragment LiveConversation on Conversation {
    ...ConversationSummary
    sla {
      kind
      targetSeconds
      atRiskAt
      dueAt
    }
  }
`);

export function contactLabel(contact: ConversationSummaryFragment['contact']): string {
  return contact?.name?.trim() || formatPhone(contact?.phoneNumber) || 'Contato sem nome';
}

export function ConversationCard({
  conversation,
  now,
  thresholdSeconds,
}: {
  conversation: LiveConversationFragment;
  now: number;
  thresholdSeconds: number;
}) {
  const { contact, assignee, sector, tags, waitingSince } = conversation;
  const waited = waitingSince ? secondsSince(waitingSince, now) : null;
  const overdue = waited != null && waited >= thresholdSeconds;
  const name = contactLabel(contact);
  const phone = formatPhone(contact?.phoneNumber);
  const urgent = mostUrgent(conversation.sla, now);
  const slaClass =
    urgent?.state === 'BREACHED' ? ' is-sla-breached' : urgent?.state === 'AT_RISK' ? ' is-sla-at-risk' : '';

  return (
    <li
      className={`live-card${overdue ? ' is-overdue' : ''}${slaClass}`}
      data-testid="open-conversation"
      data-conversation-id={conversation.id}
      data-status={conversation.status}
      data-overdue={overdue ? 'true' : 'false'}
      data-sla={urgent?.state ?? 'NONE'}
    >
      <div className="live-card-main">
        <div className="live-card-head">
          <Link
            className="live-card-contact"
            to={`/conversations/${conversation.id}`}
            state={{ back: '/', backLabel: 'Tempo real' }}
          >
            {name}
          </Link>
          <StatusBadge status={conversation.status} />
          {overdue ? (
            <span className="badge badge-alert" data-testid="wait-alert">
              <Icon name="alert" size={13} /> Espera longa
            </span>
          ) : null}
          {urgent ? <SlaBadge sla={urgent.sla} state={urgent.state} now={now} /> : null}
        </div>
        {phone && phone !== name ? <div className="live-card-phone">{phone}</div> : null}
        <div className="live-card-meta">
          <span className={assignee ? 'meta-item' : 'meta-item meta-muted'}>
            <Icon name="user" size={13} /> {assignee?.name ?? 'Sem agente'}
          </span>
          {sector ? (
            <span className="meta-item">
              <Icon name="building" size={13} /> {sector.name ?? 'Setor sem nome'}
            </span>
          ) : null}
          <TagList tags={tags} />
        </div>
        <MessagePreview message={conversation.lastMessage} />
      </div>
      <div className="live-card-wait" data-testid="wait-timer">
        {waited != null ? (
          <>
            <span className="wait-label">Esperando há</span>
            <span className="wait-value">{formatDuration(waited)}</span>
          </>
        ) : (
          <span className="wait-label wait-none">Sem espera</span>
        )}
      </div>
    </li>
  );
}

/** The most urgent target: its countdown while in time, how long ago it was breached after. */
function SlaBadge({
  sla,
  state,
  now,
}: {
  sla: LiveConversationFragment['sla'][number];
  state: 'OK' | 'AT_RISK' | 'BREACHED';
  now: number;
}) {
  const label = `SLA ${SLA_KIND_LABELS[sla.kind]}`;
  const left = sla.dueAt ? secondsUntil(sla.dueAt, now) : null;
  const text =
    left === null
      ? `${label}: fora do horário`
      : state === 'BREACHED'
        ? `${label} estourado há ${formatDuration(-left)}`
        : `${label} vence em ${formatDuration(left)}`;
  const className =
    state === 'BREACHED'
      ? 'badge badge-sla-breached'
      : state === 'AT_RISK'
        ? 'badge badge-sla-at-risk'
        : 'badge badge-sla';
  return (
    <span
      className={className}
      data-testid="sla-badge"
      data-state={state}
      title={`Meta: ${formatDuration(sla.targetSeconds)}`}
    >
      {state === 'OK' ? null : <Icon name="alert" size={13} />} {text}
    </span>
  );
}
