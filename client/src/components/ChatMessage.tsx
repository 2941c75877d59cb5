import { graphql } from '../gql';
import type { ChatMessageFieldsFragment } from '../gql/graphql';
import { formatDuration } from '../lib/duration';
import { formatBytes, formatDateTime, formatTime } from '../lib/format';
import { messageTypeLabel } from '../lib/labels';
import { Icon } from './Icon';

export const chatMessageFragment = graphql(`
  fragment ChatMessageFields on Message {
    id
    externalId
    sentAt
    sender
    isNote
    type
    text
    responseTime
    agent {
      id
      name
    }
    file {
      url
      contentType
      name
      sizeBytes
    }
  }
`);

type Kind = 'customer' | 'agent' | 'bot' | 'other' | 'note';

function kindOf(message: ChatMessageFieldsFragment): Kind {
  if (message.isNote) return 'note';
  return message.sender.toLowerCase() as Kind;
}

export function ChatMessage({
  message,
  contactName,
  timeZone,
}: {
  message: ChatMessageFieldsFragment;
  contactName: string;
  timeZone: string;
}) {
  const kind = kindOf(message);
  const author =
    kind === 'note'
      ? `Nota interna${message.agent ? ` · ${message.agent.name}` : ''}`
      : kind === 'customer'
        ? contactName
        : kind === 'agent'
          ? (message.agent?.name ?? 'Agente')
          : kind === 'bot'
            ? 'Bot'
            : 'Sistema';
  const showResponse = kind === 'agent' && message.responseTime != null;

  return (
    <li
      className={`msg msg-${kind}`}
      data-testid="chat-message"
      data-sender={message.sender}
      data-note={message.isNote ? 'true' : 'false'}
      data-message-id={message.id}
    >
      <div className="msg-bubble">
        <div className="msg-author">
          {kind === 'note' ? <Icon name="lock" size={12} /> : null}
          {kind === 'bot' ? <Icon name="bot" size={12} /> : null}
          {author}
        </div>
        {message.text ? <p className="msg-text">{message.text}</p> : null}
        {message.file ? <Attachment file={message.file} type={message.type} /> : null}
        {!message.text && !message.file ? (
          <p className="msg-text msg-empty">{messageTypeLabel(message.type)}</p>
        ) : null}
        <time className="msg-time" dateTime={message.sentAt} title={formatDateTime(message.sentAt, timeZone)}>
          {formatTime(message.sentAt, timeZone)}
        </time>
      </div>
      {showResponse ? (
        <div className="msg-response" data-testid="response-time">
          <Icon name="clock" size={12} /> respondeu em {formatDuration(message.responseTime)}
        </div>
      ) : null}
    </li>
  );
}

/** Only http(s) becomes a link: a `javascript:` or `data:` URL in a webhook body must not run. */
export function isWebLink(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function Attachment({ file, type }: { file: NonNullable<ChatMessageFieldsFragment['file']>; type: string }) {
  const name = file.name || messageTypeLabel(type);
  const size = formatBytes(file.sizeBytes);
  const content = (
    <>
      <Icon name="paperclip" size={14} />
      <span className="msg-file-name">{name}</span>
      {size ? <span className="msg-file-size">{size}</span> : null}
    </>
  );
  return isWebLink(file.url) ? (
    <a
      className="msg-file"
      href={file.url as string}
      target="_blank"
      rel="noreferrer noopener"
      title={file.contentType ?? undefined}
      data-testid="message-file"
    >
      {content}
    </a>
  ) : (
    <span className="msg-file msg-file-missing" data-testid="message-file">
      {content}
    </span>
  );
}
