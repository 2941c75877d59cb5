import type { ConversationStatus } from '../gql/graphql';
import { STATUS_LABELS } from '../lib/labels';

export function StatusBadge({ status }: { status: ConversationStatus }) {
  return (
    <span className={`badge status status-${status.toLowerCase()}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}
