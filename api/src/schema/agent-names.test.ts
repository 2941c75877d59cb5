import { afterAll, beforeAll, expect, it } from 'vitest';
import { conversationEvents, recordEvents } from '../../test/conversation-events.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { createTestApp, runOk } from '../../test/harness.js';
import { distinctNames } from './agent.js';

it('tells apart agents who share a name (case and accents ignored), and leaves the others alone', () => {
  const agents = [
    { id: 1, name: 'Amanda', signatureName: null, externalId: 'member-aaaa11' },
    { id: 2, name: null, signatureName: 'amanda ', externalId: 'member-bbbb22' },
    { id: 3, name: 'Bia', signatureName: 'Beatriz', externalId: 'member-cccc33' },
    { id: 4, name: 'Júlia', signatureName: null, externalId: 'member-dddd44' },
    { id: 5, name: 'Julia', signatureName: null, externalId: 'member-eeee55' },
  ];
  expect([...distinctNames(agents).values()]).toEqual([
    'Amanda (#aaaa11)',
    'amanda (#bbbb22)',
    'Bia',
    'Júlia (#dddd44)',
    'Julia (#eeee55)',
  ]);
});

describeEachDatabase('Agent.displayName', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = createTestApp(db);
    const start = Date.parse('2026-03-02T10:00:00-03:00');
    await runOk(app, recordEvents, {
      inputs: [
        ...conversationEvents('chat-1', start, [
          { at: 0, customer: 'Oi' },
          { at: 5, agent: 'member-aaaa11' },
        ]),
        ...conversationEvents('chat-2', start, [
          { at: 0, customer: 'Oi' },
          { at: 5, agent: 'member-bbbb22' },
        ]),
        ...conversationEvents('chat-3', start, [
          { at: 0, customer: 'Oi' },
          { at: 5, agent: 'member-cccc33' },
        ]),
      ],
    });
    const { agents } = await runOk<any>(app, '{ agents { id externalId } }');
    for (const agent of agents) {
      const name = agent.externalId === 'member-cccc33' ? 'Bia' : 'Amanda';
      await runOk(app, 'mutation($id: ID!, $name: String) { setAgentName(id: $id, name: $name) { id } }', {
        id: agent.id,
        name,
      });
    }
  });
  afterAll(() => db.close());

  it('adds the end of the platform id where two agents are both "Amanda", in lists and in metrics', async () => {
    const data = await runOk<any>(
      app,
      `{ agents { externalId name displayName }
         agentMetrics(from: "2026-03-01T00:00:00Z", to: "2026-03-03T00:00:00Z") { agent { externalId displayName } } }`,
    );
    const byId = Object.fromEntries(data.agents.map((a: any) => [a.externalId, a]));
    expect(byId['member-aaaa11']).toEqual({
      externalId: 'member-aaaa11',
      name: 'Amanda',
      displayName: 'Amanda (#aaaa11)',
    });
    expect(byId['member-bbbb22'].displayName).toBe('Amanda (#bbbb22)');
    expect(byId['member-cccc33'].displayName).toBe('Bia');
    expect(data.agentMetrics.map((row: any) => row.agent.displayName).sort()).toEqual(
      ['Amanda (#aaaa11)', 'Amanda (#bbbb22)', 'Bia'].sort(),
    );
  });
});
