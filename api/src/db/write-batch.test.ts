import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { shuffled } from '../../test/expectations.js';
import { loadScenario } from '../../test/scenario-data.js';
import { countStatements } from '../../test/statements.js';
import type { ConversationEventFact } from '../domain/facts.js';
import { parseUmblerWebhook } from '../domain/umbler.js';
import type { PrismaClient } from './client.js';
import { type IngestInput, writeBatch } from './write-batch.js';

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
      ad: null,
    },
  };
}

const write = (prisma: PrismaClient, inputs: IngestInput[]) =>
  prisma.$transaction((tx) => writeBatch(tx, inputs, 'America/Sao_Paulo'), { timeout: 60_000 });

/** Everything a batch writes, in a form two databases can be compared by. */
async function snapshot(prisma: PrismaClient) {
  const queries = {
    conversations: prisma.$queryRaw`
        SELECT c.external_id, c.status, c.waiting_since, c.opened_at, c.closed_at, c.last_message_at,
               c.last_activity_at, c.state_at, c.open, c.private, c.bot_active, c.internal, c.channel_name,
               ct.external_id AS contact, a.external_id AS assignee, s.external_id AS sector,
               m.external_id AS last_message
        FROM conversations c LEFT JOIN contacts ct ON ct.id = c.contact_id LEFT JOIN agents a ON a.id = c.assignee_id
        LEFT JOIN sectors s ON s.id = c.sector_id LEFT JOIN messages m ON m.id = c.last_message_id
        ORDER BY c.external_id`,
    messages: prisma.$queryRaw`
        SELECT m.external_id, m.sent_at, m.sender, m.is_note, a.external_id AS agent, m.type, m.text, m.file_url,
               m.file_size_bytes::text, m.cycle_index, m.response_time
        FROM messages m LEFT JOIN agents a ON a.id = m.agent_id ORDER BY m.external_id`,
    cycles: prisma.$queryRaw`
        SELECT c.external_id, y.index, y.started_at, y.closed_at, a.external_id AS resolved_by
        FROM cycles y JOIN conversations c ON c.id = y.conversation_id LEFT JOIN agents a ON a.id = y.resolved_by_id
        ORDER BY 1, 2`,
    samples: prisma.$queryRaw`
        SELECT c.external_id, s.kind, s.cycle_index, a.external_id AS agent, s.started_at, s.ended_at, s.seconds
        FROM samples s JOIN conversations c ON c.id = s.conversation_id LEFT JOIN agents a ON a.id = s.agent_id
        ORDER BY 1, 2, 3, 5, 6`,
    assignments: prisma.$queryRaw`
        SELECT c.external_id, x.at, f.external_id AS from_agent, t.external_id AS to_agent, x.is_transfer
        FROM assignment_changes x JOIN conversations c ON c.id = x.conversation_id
        LEFT JOIN agents f ON f.id = x.from_agent_id LEFT JOIN agents t ON t.id = x.to_agent_id ORDER BY 1, 2`,
    tags: prisma.$queryRaw`
        SELECT c.external_id, t.external_id AS tag, t.name FROM conversation_tags ct
        JOIN conversations c ON c.id = ct.conversation_id JOIN tags t ON t.id = ct.tag_id ORDER BY 1, 2`,
    agents: prisma.$queryRaw`SELECT external_id, name, signature_name, signature_at FROM agents ORDER BY 1`,
    contacts: prisma.$queryRaw`SELECT external_id, name, phone_number, kind FROM contacts ORDER BY 1`,
    observations: prisma.$queryRaw`
        SELECT c.external_id, o.event_key, o.at FROM assignee_observations o
        JOIN conversations c ON c.id = o.conversation_id ORDER BY 1, 2`,
    changes: prisma.$queryRaw`
        SELECT c.external_id, x.event_key, x.kind, x.at, x.detail FROM conversation_changes x
        JOIN conversations c ON c.id = x.conversation_id ORDER BY 1, 2, 3`,
  };
  const rows = await Promise.all(Object.values(queries));
  return Object.fromEntries(Object.keys(queries).map((name, i) => [name, rows[i]]));
}

function scenarioInputs(name: string): IngestInput[] {
  return loadScenario(name).deliveries.flatMap(({ body }) => {
    const parsed = parseUmblerWebhook(body);
    return parsed.kind === 'event' ? [{ key: parsed.eventId, fact: parsed.fact }] : [];
  });
}

describeEachDatabase('writeBatch', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());

  it("learns an agent's name from the newest signature, whatever the arrival order", async () => {
    await write(db.prisma, [{ key: 'e2', fact: agentMessage('m2', 10, 'Amanda 💙') }]);
    await write(db.prisma, [{ key: 'e1', fact: agentMessage('m1', 5, 'Amanda') }]);
    const agent = await db.prisma.agent.findUniqueOrThrow({ where: { externalId: 'agent-1' } });
    expect(agent.signatureName).toBe('Amanda 💙');
    await write(db.prisma, [
      { key: 'e4', fact: agentMessage('m4', 40, 'Amanda ✨') },
      { key: 'e5', fact: agentMessage('m5', 30, 'Amanda 🌙') },
    ]);
    expect(
      (await db.prisma.agent.findUniqueOrThrow({ where: { externalId: 'agent-1' } })).signatureName,
    ).toBe('Amanda ✨');
  });

  it('stores a message once, however often it is recorded, in one batch or several', async () => {
    await write(db.prisma, [{ key: 'e3', fact: agentMessage('m3', 20, 'Amanda 💙') }]);
    const again = await write(db.prisma, [
      { key: 'e3-again', fact: agentMessage('m3', 20, 'Amanda 💙') },
      { key: 'e3-twice', fact: agentMessage('m3', 20, 'Amanda 💙') },
    ]);
    expect(await db.prisma.message.count({ where: { externalId: 'm3' } })).toBe(1);
    expect(again.newMessages).toEqual([]);
  });
});

describeEachDatabase('a batch', (kind) => {
  it('gives exactly what one event at a time gives, in order and shuffled with duplicates', async () => {
    const inputs = scenarioInputs('two-days');
    const disorder = shuffled([...inputs, ...inputs.slice(0, 300)], 7);
    const results = [];
    for (const [events, batch] of [
      [inputs, 1],
      [inputs, 97],
      // Shuffled in batches of 3 (one at a time is the in-order run's): late facts all along.
      [disorder, 3],
      [disorder, 500],
    ] as const) {
      const db = await openTestDatabase(kind);
      try {
        for (let i = 0; i < events.length; i += batch) await write(db.prisma, events.slice(i, i + batch));
        results.push(await snapshot(db.prisma));
      } finally {
        await db.close();
      }
    }
    expect(results[1]).toEqual(results[0]);
    // Arrival order changes only which duplicate delivery is kept; every number and state is equal.
    expect(results[3]).toEqual(results[2]);
    expect(results[2]?.samples).toEqual(results[0]?.samples);
    expect(results[2]?.conversations).toEqual(results[0]?.conversations);
  });

  it('costs the same number of statements for 10 events as for 400', async () => {
    const db = await openTestDatabase(kind);
    const counted = countStatements(db.adapterFactory);
    try {
      const inputs = scenarioInputs('two-days');
      counted.statements.length = 0;
      await write(counted.prisma, inputs.slice(0, 10));
      const few = counted.statements.length;
      counted.statements.length = 0;
      await write(counted.prisma, inputs.slice(10, 410));
      const many = counted.statements.length;
      expect(many).toBe(few);
      expect(many).toBeLessThanOrEqual(16);
    } finally {
      await counted.prisma.$disconnect();
      await db.close();
    }
  });
});

describeEachDatabase('a long conversation', (kind) => {
  it('folds an event at its end onto the stored state, and reads its history again only for a late event', async () => {
    const db = await openTestDatabase(kind);
    const counted = countStatements(db.adapterFactory);
    const event = (n: number, minute = n): IngestInput => {
      const fact = agentMessage(`long-${n}`, minute, 'Amanda');
      const sender = n % 2 ? 'AGENT' : 'CUSTOMER';
      return {
        key: `long-event-${n}`,
        fact: {
          ...fact,
          conversationExternalId: 'chat-long',
          message: { ...fact.message!, sender, agentExternalId: sender === 'AGENT' ? 'agent-1' : null },
        },
      };
    };
    try {
      const history = Array.from({ length: 999 }, (_, n) => event(n));
      for (let i = 0; i < history.length; i += 250) await write(db.prisma, history.slice(i, i + 250));
      const readsHistory = (statements: string[]) =>
        statements.some((sql) => /FROM "public"\."messages"/.test(sql));

      counted.statements.length = 0;
      await write(counted.prisma, [event(999)]);
      expect(readsHistory(counted.statements)).toBe(false);
      const atTheEnd = counted.statements.length;

      counted.statements.length = 0;
      await write(counted.prisma, [event(1000, 500.5)]);
      expect(readsHistory(counted.statements)).toBe(true);
      expect(counted.statements.length).toBeGreaterThan(atTheEnd);

      const samples = await db.prisma.sample.count({ where: { kind: 'RESPONSE' } });
      expect(samples).toBe(500);
      const conversation = await db.prisma.conversation.findUniqueOrThrow({
        where: { externalId: 'chat-long' },
      });
      expect(conversation.status).toBe('IN_PROGRESS');
    } finally {
      await counted.prisma.$disconnect();
      await db.close();
    }
  });
});

describe('scenario inputs', () => {
  it('are read from the repository', () => {
    expect(scenarioInputs('tiny').length).toBeGreaterThan(50);
  });
});
