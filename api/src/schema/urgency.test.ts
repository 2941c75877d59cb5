import { afterAll, beforeAll, expect, it } from 'vitest';
import { conversationEvents, recordEvents } from '../../test/conversation-events.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { createTestApp, run, runOk } from '../../test/harness.js';

// The live list's order: a conversation just past its service level comes first even when many
// customers have waited longer (in a sector without a target), where WAITING would leave it out.

const list = `query($order: ConversationOrder!, $first: Int) {
  conversations(first: $first, orderBy: $order, filter: { statuses: [QUEUED, WAITING, IN_PROGRESS] }) {
    edges { node { externalId sla { state } } }
  }
}`;

describeEachDatabase('conversations by urgency', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = createTestApp(db);
    const now = Date.now();
    const support = { externalId: 'sector-support', name: 'Suporte' };
    const sales = { externalId: 'sector-sales', name: 'Vendas' };
    await runOk(app, recordEvents, {
      inputs: [
        ...conversationEvents('chat-old-1', now - 3 * 3_600_000, [{ at: 0, customer: 'Oi?' }], {
          sector: support,
        }),
        ...conversationEvents('chat-old-2', now - 2 * 3_600_000, [{ at: 0, customer: 'Alô?' }], {
          sector: support,
        }),
        ...conversationEvents('chat-at-risk', now - 50_000, [{ at: 0, customer: 'Preço?' }], {
          sector: sales,
        }),
        ...conversationEvents('chat-breached', now - 120_000, [{ at: 0, customer: 'Comprar' }], {
          sector: sales,
        }),
      ],
    });
    const { sectors } = await runOk<any>(app, '{ sectors { id name } }');
    const salesId = sectors.find((s: any) => s.name === 'Vendas').id;
    await runOk(
      app,
      `mutation($sectorId: ID!, $from: DateTime!) {
        setSlaPolicy(input: { sectorId: $sectorId, firstResponseSeconds: 60, effectiveFrom: $from }) { version }
      }`,
      { sectorId: salesId, from: new Date(now - 86_400_000).toISOString() },
    );
  });
  afterAll(async () => {
    app.sla.close();
    await db.close();
  });

  it('puts breached first, then at risk, then the longest waits', async () => {
    const names = async (order: string, first: number) =>
      (await runOk<any>(app, list, { order, first })).conversations.edges.map((e: any) => e.node.externalId);
    expect(await names('WAITING', 2)).toEqual(['chat-old-1', 'chat-old-2']);
    await expect.poll(() => names('URGENCY', 3)).toEqual(['chat-breached', 'chat-at-risk', 'chat-old-1']);
    expect(await names('URGENCY', 10)).toEqual(['chat-breached', 'chat-at-risk', 'chat-old-1', 'chat-old-2']);
    expect(await names('URGENCY', 1)).toEqual(['chat-breached']);
  });

  it('gives one page only', async () => {
    const page = await runOk<any>(app, '{ conversations(first: 1) { pageInfo { endCursor } } }');
    const result = await run(
      app,
      'query($after: String) { conversations(first: 2, after: $after, orderBy: URGENCY) { edges { cursor } } }',
      {
        after: page.conversations.pageInfo.endCursor,
      },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
