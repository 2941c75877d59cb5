import { act, cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { Provider } from 'urql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveConversationFragment } from '../gql/graphql';
import { clientAnswering, conversation } from '../test/fixtures';
import { OpenConversations } from './OpenConversations';

const NOW = Date.parse('2025-03-12T15:00:00.000Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

function renderList(nodes: LiveConversationFragment[], thresholdSeconds = 300) {
  const client = clientAnswering({
    conversations: {
      __typename: 'QueryConversationsConnection',
      totalCount: nodes.length,
      edges: nodes.map((node) => ({ __typename: 'QueryConversationsConnectionEdge', node })),
    },
  });
  return render(
    <Provider value={client}>
      <MemoryRouter>
        <OpenConversations thresholdSeconds={thresholdSeconds} />
      </MemoryRouter>
    </Provider>,
  );
}

const cards = () => screen.getAllByTestId('open-conversation');

describe('OpenConversations', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('puts the longest wait first and the conversations nobody waits on last', () => {
    renderList([
      conversation({ id: 'recent', waitingSince: ago(60) }),
      conversation({ id: 'answered', status: 'IN_PROGRESS', waitingSince: null }),
      conversation({ id: 'oldest', waitingSince: ago(900) }),
      conversation({ id: 'queued', status: 'QUEUED', assignee: null, waitingSince: ago(120) }),
    ]);
    expect(cards().map((card) => card.dataset.conversationId)).toEqual([
      'oldest',
      'queued',
      'recent',
      'answered',
    ]);
    expect(screen.getByTestId('open-conversations-count').textContent).toBe('4');
    const queued = cards()[1] as HTMLElement;
    expect(within(queued).getByText('Sem agente')).toBeTruthy();
    expect(within(queued).getByText('Na fila')).toBeTruthy();
  });

  it('highlights waits above the threshold with a label, not colour alone', () => {
    renderList([
      conversation({ id: 'long', waitingSince: ago(600) }),
      conversation({ id: 'short', waitingSince: ago(30) }),
    ]);
    const [long, short] = cards() as [HTMLElement, HTMLElement];
    expect(long.dataset.overdue).toBe('true');
    expect(long.className).toContain('is-overdue');
    expect(within(long).getByTestId('wait-alert').textContent).toContain('Espera longa');
    expect(short.dataset.overdue).toBe('false');
    expect(within(short).queryByTestId('wait-alert')).toBeNull();
  });

  it('ticks the wait every second in the browser and flags it when it crosses the threshold', () => {
    const { container } = renderList([conversation({ id: 'a', waitingSince: ago(298) })]);
    const timer = () => within(cards()[0] as HTMLElement).getByTestId('wait-timer').textContent;
    expect(timer()).toBe('Esperando há4 min 58 s');
    expect(cards()[0]?.dataset.overdue).toBe('false');

    act(() => vi.advanceTimersByTime(1000));
    expect(timer()).toBe('Esperando há4 min 59 s');

    act(() => vi.advanceTimersByTime(1000));
    expect(timer()).toBe('Esperando há5 min');
    expect(cards()[0]?.dataset.overdue).toBe('true');
    expect(container.querySelector('[data-testid="wait-alert"]')).not.toBeNull();
  });

  it('shows a friendly empty state', () => {
    renderList([]);
    expect(screen.getByText('Nenhuma conversa aberta agora')).toBeTruthy();
  });
});
