import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConversationEventFact } from '../domain/facts.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../test/databases.js';
import { recordEvent } from './record-event.js';

function agentMessage(id: string, minute: number, signatureName: string): ConversationEventFact {
  const at = new Date(Date.UTC(2026, 2, 2, 12, minute));
  return {
    conversationExternalId: 'chat-signature',
    occurredAt: at,
    changes: ['MESSAGE_ADDED'],
    assigneeExternalId: 'agent-1',
    open: true,
    message: {
      externalId: id,
      sentAt: at,
      sender: 'AGENT',
      isNote: false,
      agentExternalId: 'agent-1',
      type: 'TEXT',
      text: 'Olá',
      signatureName,
      file: null,
    },
  };
}

describeEachDatabase('recordEvent', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());

  it("learns an agent's name from the newest signature, whatever the arrival order", async () => {
    await recordEvent(db.prisma, 'e2', agentMessage('m2', 10, 'Amanda 💙'));
    await recordEvent(db.prisma, 'e1', agentMessage('m1', 5, 'Amanda'));
    const agent = await db.prisma.agent.findUniqueOrThrow({ where: { externalId: 'agent-1' } });
    expect(agent.signatureName).toBe('Amanda 💙');
  });

  it('stores a message once, however often it is recorded', async () => {
    await recordEvent(db.prisma, 'e3', agentMessage('m3', 20, 'Amanda 💙'));
    await recordEvent(db.prisma, 'e3-again', agentMessage('m3', 20, 'Amanda 💙'));
    expect(await db.prisma.message.count({ where: { externalId: 'm3' } })).toBe(1);
  });
});
