import type { Client } from 'urql';
import { vi } from 'vitest';
import { fromValue, never } from 'wonka';
import type { ConversationStatus, LiveConversationFragment } from '../gql/graphql';

let seq = 0;

export function conversation(
  overrides: Partial<LiveConversationFragment> & { id: string },
): LiveConversationFragment {
  seq += 1;
  return {
    __typename: 'Conversation',
    externalId: `ext-${overrides.id}`,
    status: 'WAITING' as ConversationStatus,
    internal: false,
    channelName: 'WhatsApp',
    waitingSince: null,
    sla: [],
    openedAt: '2025-03-12T12:00:00.000Z',
    closedAt: null,
    lastMessageAt: '2025-03-12T12:00:00.000Z',
    lastActivityAt: `2025-03-12T12:${String(seq % 60).padStart(2, '0')}:00.000Z`,
    contact: {
      __typename: 'Contact',
      externalId: `c-${overrides.id}`,
      name: `Cliente ${overrides.id}`,
      phoneNumber: '5511999990000',
    },
    assignee: { __typename: 'Agent', id: 'agent-1', name: 'Ana Souza' },
    sector: { __typename: 'Sector', id: 'sector-1', name: 'Suporte' },
    tags: [{ __typename: 'Tag', id: 'tag-1', name: 'VIP' }],
    lastMessage: {
      __typename: 'Message',
      id: `m-${overrides.id}`,
      sentAt: '2025-03-12T12:00:00.000Z',
      sender: 'CUSTOMER',
      isNote: false,
      type: 'TEXT',
      text: 'Olá, preciso de ajuda',
      file: null,
    },
    ...overrides,
  };
}

/** A urql client whose every query answers `data` at once and whose subscriptions stay silent. */
export function clientAnswering(data: Record<string, unknown>): Client {
  return {
    executeQuery: vi.fn(() => fromValue({ stale: false, hasNext: false, data })),
    executeSubscription: vi.fn(() => never),
    executeMutation: vi.fn(() => never),
  } as unknown as Client;
}
