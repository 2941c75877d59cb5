import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { createTestApp, run, runOk } from '../../test/harness.js';

const record = `mutation($inputs: [RecordConversationEventInput!]!) { recordConversationEvents(inputs: $inputs) { id } }`;

/** A customer who wrote `minutesAgo` minutes ago and has had no answer. */
function waiting(chat: string, minutesAgo: number) {
  const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  return {
    eventId: `lookup-${chat}`,
    conversationExternalId: chat,
    occurredAt: at,
    changes: ['MESSAGE_ADDED'],
    assigneeExternalId: 'agent-lookup',
    open: true,
    message: { externalId: `lookup-msg-${chat}`, sentAt: at, sender: 'CUSTOMER', text: 'Oi?' },
  };
}

describeEachDatabase('finding conversations', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = createTestApp(db);
    await runOk(app, record, {
      inputs: [waiting('chat-3m', 3), waiting('chat-30m', 30), waiting('chat-10m', 10)],
    });
  });
  afterAll(() => db.close());

  it("looks a conversation up by the platform's chat id", async () => {
    const found = await runOk<{ conversation: { externalId: string; status: string } }>(
      app,
      '{ conversation(externalId: "chat-10m") { externalId status } }',
    );
    expect(found.conversation).toEqual({ externalId: 'chat-10m', status: 'WAITING' });
    const none = await runOk<{ conversation: null }>(app, '{ conversation(externalId: "nope") { id } }');
    expect(none.conversation).toBeNull();
    for (const args of ['', '(id: "Q29udmVyc2F0aW9uOjE=", externalId: "chat-10m")']) {
      const refused = await run(app, `{ conversation${args} { id } }`);
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('filters and sorts by the current wait', async () => {
    const longest = await runOk<{ conversations: { edges: { node: { externalId: string } }[] } }>(
      app,
      '{ conversations(orderBy: WAITING, filter: { waitingLongerThan: 300 }) { edges { node { externalId } } } }',
    );
    expect(longest.conversations.edges.map((e) => e.node.externalId)).toEqual(['chat-30m', 'chat-10m']);
    const all = await runOk<{ conversations: { edges: { node: { externalId: string } }[] } }>(
      app,
      '{ conversations(orderBy: WAITING, first: 2) { edges { node { externalId } } pageInfo { endCursor } } }',
    );
    expect(all.conversations.edges.map((e) => e.node.externalId)).toEqual(['chat-30m', 'chat-10m']);
  });

  it('refuses a date without a time or a zone, saying what it expects', async () => {
    for (const date of ['2026-03-02', '2026-03-02T12:00:00', 'yesterday']) {
      const refused = await run(
        app,
        'query($from: DateTime) { conversations(filter: { from: $from }) { totalCount } }',
        {
          from: date,
        },
      );
      expect(refused.errors?.[0]?.message).toContain(
        'date and time with its zone, such as 2026-03-02T11:04:31.437Z',
      );
    }
    const zoned = await run(
      app,
      '{ conversations(filter: { from: "2026-03-02T08:00:00-03:00" }) { totalCount } }',
    );
    expect(zoned.errors).toBeUndefined();
  });
});
