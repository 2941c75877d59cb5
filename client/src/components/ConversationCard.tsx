import { Link } from 'react-router-dom';
import { graphql } from '../gql';
import type { ConversationSummaryFragment } from '../gql/graphql';
import { formatDuration, secondsSince } from '../lib/duration';
import { formatPhone } from '../lib/format';
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

export function contactLabel(contact: ConversationSummaryFragment['contact']): string {
  return contact?.name?.trim() || formatPhone(contact?.phoneNumber) || 'Contato sem nome';
}

export function ConversationCard({
  conversation,
  now,
  thresholdSeconds,
}: {
  conversation: ConversationSummaryFragment;
  now: number;
  thresholdSeconds: number;
}) {
  const { contact, assignee, sector, tags, waitingSince } = conversation;
  const waited = waitingSince ? secondsSince(waitingSince, now) : null;
  const overdue = waited != null && waited >= thresholdSeconds;
  const name = contactLabel(contact);
  const phone = formatPhone(contact?.phoneNumber);

  return (
    <li
      className={`live-card${overdue ? ' is-overdue' : ''}`}
      data-testid="open-conversation"
      data-conversation-id={conversation.id}
      data-status={conversation.status}
      data-overdue={overdue ? 'true' : 'false'}
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
