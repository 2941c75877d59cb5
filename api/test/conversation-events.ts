// Test support: conversations written step by step as RecordConversationEventInput lists, each
// event a snapshot carrying the assignee and sector of its moment, as Umbler's do.

export type Step =
  | { at: number; customer: string }
  | { at: number; agent: string; text?: string }
  | { at: number; bot: string }
  | { at: number; assign: string | null }
  | { at: number; close: true };

/** `at` is in seconds after `start` (epoch ms). */
export function conversationEvents(
  chat: string,
  start: number,
  steps: Step[],
  options: { sector?: { externalId: string; name: string }; assignee?: string | null } = {},
) {
  let assignee = options.assignee ?? null;
  const iso = (seconds: number) => new Date(start + seconds * 1000).toISOString();
  return steps.map((step, index) => {
    const occurredAt = iso(step.at);
    if ('assign' in step) assignee = step.assign;
    const base = {
      eventId: `${chat}-e${index}`,
      conversationExternalId: chat,
      occurredAt,
      open: !('close' in step),
      ...(assignee === null ? { unassigned: true } : { assigneeExternalId: assignee }),
      ...(options.sector ? { sector: options.sector } : {}),
    };
    const message = (sender: string, text: string, agentExternalId?: string) => ({
      externalId: `${chat}-m${index}`,
      sentAt: occurredAt,
      sender,
      text,
      ...(agentExternalId ? { agentExternalId } : {}),
    });
    if ('customer' in step)
      return { ...base, changes: ['MESSAGE_ADDED'], message: message('CUSTOMER', step.customer) };
    if ('agent' in step) {
      return {
        ...base,
        changes: ['MESSAGE_ADDED'],
        message: message('AGENT', step.text ?? 'Olá!', step.agent),
      };
    }
    if ('bot' in step) return { ...base, changes: ['MESSAGE_ADDED'], message: message('BOT', step.bot) };
    if ('assign' in step) return { ...base, changes: ['ASSIGNEE_CHANGED'] };
    return { ...base, changes: ['CLOSED'], closedAt: occurredAt };
  });
}

export const recordEvents = `mutation($inputs: [RecordConversationEventInput!]!) {
  recordConversationEvents(inputs: $inputs) { id }
}`;
