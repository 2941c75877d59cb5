import type { ConversationSummaryFragment } from '../gql/graphql';
import { messageTypeLabel } from '../lib/labels';

const SENDER_PREFIX = {
  CUSTOMER: '',
  AGENT: 'Agente: ',
  BOT: 'Bot: ',
  OTHER: '',
} as const;

export function MessagePreview({ message }: { message: ConversationSummaryFragment['lastMessage'] }) {
  if (!message) return <p className="preview preview-empty">Sem mensagens</p>;
  const prefix = message.isNote ? 'Nota interna: ' : SENDER_PREFIX[message.sender];
  const body =
    message.text?.trim() ||
    (message.file?.name ? `${messageTypeLabel(message.type)}: ${message.file.name}` : null) ||
    messageTypeLabel(message.type);
  return (
    <p className="preview" title={body}>
      {prefix ? <span className="preview-prefix">{prefix}</span> : null}
      {body}
    </p>
  );
}
