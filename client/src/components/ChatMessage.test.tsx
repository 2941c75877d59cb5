import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessageFieldsFragment } from '../gql/graphql';
import { ChatMessage, isWebLink } from './ChatMessage';

function withFile(url: string | null): ChatMessageFieldsFragment {
  return {
    __typename: 'Message',
    id: 'm1',
    externalId: 'm1',
    sentAt: '2026-03-02T12:00:00.000Z',
    sender: 'CUSTOMER',
    isNote: false,
    type: 'FILE',
    text: null,
    responseTime: null,
    agent: null,
    file: {
      __typename: 'File',
      url,
      contentType: 'application/pdf',
      name: 'boleto.pdf',
      sizeBytes: 3_000_000_000,
    },
  } as ChatMessageFieldsFragment;
}

describe('ChatMessage attachments', () => {
  afterEach(cleanup);

  it('links only http(s) file URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'nada',
    ]) {
      render(<ChatMessage message={withFile(url)} contactName="Ana" timeZone="America/Sao_Paulo" />);
      const file = screen.getByTestId('message-file');
      expect(file.tagName, url).toBe('SPAN');
      expect(file.getAttribute('href')).toBeNull();
      cleanup();
    }
    render(
      <ChatMessage
        message={withFile('https://files.example/boleto.pdf')}
        contactName="Ana"
        timeZone="America/Sao_Paulo"
      />,
    );
    expect(screen.getByTestId('message-file').getAttribute('href')).toBe('https://files.example/boleto.pdf');
    expect(isWebLink('HTTP://x.example/a')).toBe(true);
  });
});
