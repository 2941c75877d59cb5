import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { createTestApp, run, runOk, viewers } from '../../test/harness.js';
import { recomputeJob } from '../db/recompute.js';
import { adFact } from '../domain/umbler.js';
import { cycleRows } from '../exports/cycles.js';

// Origins: a cycle's first customer message decides it (an ad, a first-message rule, or direct).

const record = `mutation($inputs: [RecordConversationEventInput!]!) { recordConversationEvents(inputs: $inputs) { id } }`;
const period = 'from: "2026-03-01T00:00:00-03:00", to: "2026-04-01T00:00:00-03:00"';
const origins = `{
  conversations(first: 50) {
    edges {
      node {
        externalId
        origin { kind name source }
        cycles { index origin { kind name source } }
      }
    }
  }
}`;

let n = 0;
function message(chat: string, at: string, sender: 'CUSTOMER' | 'AGENT', text: string, extra: object = {}) {
  n++;
  return {
    eventId: `${chat}-e${n}`,
    conversationExternalId: chat,
    occurredAt: at,
    changes: ['MESSAGE_ADDED'],
    open: true,
    assigneeExternalId: 'agent-ana',
    message: {
      externalId: `${chat}-m${n}`,
      sentAt: at,
      sender,
      text,
      ...(sender === 'AGENT' && { agentExternalId: 'agent-ana' }),
      ...extra,
    },
  };
}

function close(chat: string, at: string) {
  n++;
  return {
    eventId: `${chat}-e${n}`,
    conversationExternalId: chat,
    occurredAt: at,
    changes: ['CLOSED'],
    open: false,
    closedAt: at,
  };
}

async function byChat(app: ReturnType<typeof createTestApp>) {
  const data = await runOk<any>(app, origins);
  return new Map<string, any>(data.conversations.edges.map(({ node }: any) => [node.externalId, node]));
}

describeEachDatabase('origins', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = createTestApp(db);
    const ad = { name: 'Promo de março', source: 'https://fb.me/promo' };
    await runOk(app, record, {
      inputs: [
        message('chat-ad', '2026-03-02T10:00:00-03:00', 'CUSTOMER', 'Quero a promoção', { ad }),
        message('chat-ad', '2026-03-02T10:01:00-03:00', 'AGENT', 'Olá!'),
        message(
          'chat-site',
          '2026-03-02T11:00:00-03:00',
          'CUSTOMER',
          'Olá, VIM PELO SITE e quero um orçamento',
        ),
        message('chat-direct', '2026-03-02T12:00:00-03:00', 'AGENT', 'Bom dia, tudo certo com o pedido?'),
        message('chat-direct', '2026-03-02T12:05:00-03:00', 'CUSTOMER', 'Tudo certo, vim pelo site ontem'),
        close('chat-direct', '2026-03-02T13:00:00-03:00'),
        // A reopen from an ad: the new cycle has its own origin.
        message('chat-direct', '2026-03-05T09:00:00-03:00', 'CUSTOMER', 'Vi o anúncio', { ad: {} }),
      ],
    });
  });
  afterAll(() => db.close());

  it('reads an ad on the first customer message, and nothing else, as AD', async () => {
    const chats = await byChat(app);
    expect(chats.get('chat-ad').origin).toEqual({
      kind: 'AD',
      name: 'Promo de março',
      source: 'https://fb.me/promo',
    });
    expect(chats.get('chat-site').origin).toEqual({ kind: 'DIRECT', name: null, source: null });
    const reopened = chats.get('chat-direct');
    expect(reopened.cycles.map((c: any) => c.origin.kind)).toEqual(['DIRECT', 'AD']);
    expect(reopened.origin.kind).toBe('AD');
  });

  it('decides an open cycle when its first customer message comes in a later batch', async () => {
    // An agent opens the cycle; the customer answers from an ad later; it is closed later still.
    for (const input of [
      message('chat-outbound', '2026-03-03T09:00:00-03:00', 'AGENT', 'Olá! Temos novidades'),
      message('chat-outbound', '2026-03-03T09:10:00-03:00', 'CUSTOMER', 'Quero saber', {
        ad: { name: 'Catálogo', source: 'ad' },
      }),
      close('chat-outbound', '2026-03-03T09:30:00-03:00'),
    ]) {
      await runOk(app, record, { inputs: [input] });
    }
    const chats = await byChat(app);
    expect(chats.get('chat-outbound').origin).toEqual({ kind: 'AD', name: 'Catálogo', source: 'ad' });
  });

  it('applies first-message rules to the history in the background, and to new cycles as they arrive', async () => {
    const rule = await runOk<any>(
      app,
      `mutation { setOriginRule(input: { pattern: "vim pelo site", origin: WEBSITE, name: "Site" }) { id position } }`,
    );
    expect(rule.setOriginRule.position).toBe(1);
    await recomputeJob(app).idle();
    let chats = await byChat(app);
    expect(chats.get('chat-site').origin).toEqual({ kind: 'WEBSITE', name: 'Site', source: null });
    // Its first customer message matches, but an agent started the cycle: the customer's first message decides.
    expect(chats.get('chat-direct').cycles[0].origin.kind).toBe('WEBSITE');
    expect(chats.get('chat-ad').origin.kind).toBe('AD');

    await runOk(app, record, {
      inputs: [message('chat-new', '2026-03-06T10:00:00-03:00', 'CUSTOMER', 'Oi, vim pelo site')],
    });
    // A later customer message of a decided cycle changes nothing, even when a rule matches it.
    await runOk(app, record, {
      inputs: [message('chat-ad', '2026-03-02T10:05:00-03:00', 'CUSTOMER', 'Ah, e vim pelo site também')],
    });
    chats = await byChat(app);
    expect(chats.get('chat-new').origin.kind).toBe('WEBSITE');
    expect(chats.get('chat-ad').origin.kind).toBe('AD');

    // A message earlier than the cycle's first, arriving late, decides instead.
    await runOk(app, record, {
      inputs: [message('chat-new', '2026-03-06T09:59:00-03:00', 'CUSTOMER', 'Bom dia')],
    });
    chats = await byChat(app);
    expect(chats.get('chat-new').origin.kind).toBe('DIRECT');

    const removed = await runOk<any>(app, `mutation($id: ID!) { removeOriginRule(id: $id) }`, {
      id: rule.setOriginRule.id,
    });
    expect(removed.removeOriginRule).toBe(true);
    await recomputeJob(app).idle();
    chats = await byChat(app);
    expect(chats.get('chat-site').origin.kind).toBe('DIRECT');
  });

  it('filters conversations and splits the team figures by origin', async () => {
    await runOk(
      app,
      `mutation { setOriginRule(input: { pattern: "orçamento", origin: OTHER, name: "Orçamento" }) { id } }`,
    );
    await recomputeJob(app).idle();
    const data = await runOk<any>(
      app,
      `{
        ads: conversations(filter: { origins: [AD] }) { totalCount }
        other: conversations(filter: { origins: [OTHER] }) { totalCount }
        direct: conversations(filter: { origins: [DIRECT] }) { totalCount }
        teamMetrics(${period}) { conversationsStarted messages { customer agent } firstResponseTime { count } }
        originMetrics(${period}) {
          origin conversationsStarted messages { customer agent } firstResponseTime { count }
        }
      }`,
    );
    // chat-ad, chat-direct's second cycle, chat-outbound.
    expect(data.ads.totalCount).toBe(3);
    expect(data.other.totalCount).toBe(1);
    // chat-direct's first cycle (WEBSITE rule gone) and chat-new.
    expect(data.direct.totalCount).toBe(2);
    const by = new Map<string, any>(data.originMetrics.map((o: any) => [o.origin, o]));
    expect([...by.keys()]).toEqual(['AD', 'WEBSITE', 'OTHER', 'DIRECT']);
    expect(by.get('AD').conversationsStarted).toBe(3);
    expect(by.get('AD').firstResponseTime.count).toBe(1);
    expect(by.get('OTHER').conversationsStarted).toBe(1);
    expect(by.get('WEBSITE').conversationsStarted).toBe(0);
    const sum = (pick: (o: any) => number) =>
      data.originMetrics.reduce((total: number, o: any) => total + pick(o), 0);
    expect(sum((o) => o.conversationsStarted)).toBe(data.teamMetrics.conversationsStarted);
    expect(sum((o) => o.messages.customer)).toBe(data.teamMetrics.messages.customer);
    expect(sum((o) => o.messages.agent)).toBe(data.teamMetrics.messages.agent);
  });

  it('keeps the export to the cycles of the origins asked for, past its first 500 rows', async () => {
    const customer = (chat: string, at: string, ad: object | null) =>
      message(chat, at, 'CUSTOMER', 'Oi', ad ? { ad } : {});
    const ads = Array.from({ length: 501 }, (_, i) =>
      customer(`chat-bulk-ad-${i}`, '2025-06-02T10:00:00-03:00', { name: 'Junho' }),
    );
    // Five more from the ad that came back later on their own: an AD cycle, then a DIRECT one.
    const returning = Array.from({ length: 5 }, (_, i) => [
      customer(`chat-bulk-back-${i}`, '2025-06-02T10:00:00-03:00', { name: 'Junho' }),
      close(`chat-bulk-back-${i}`, '2025-06-02T10:30:00-03:00'),
      customer(`chat-bulk-back-${i}`, '2025-06-03T11:00:00-03:00', null),
    ]).flat();
    await runOk(app, record, { inputs: ads.slice(0, 500) });
    await runOk(app, record, { inputs: [...ads.slice(500), ...returning] });
    const count = async (origins: ('AD' | 'DIRECT')[]) => {
      let rows = 0;
      for await (const _row of cycleRows(app, {
        from: new Date('2025-06-01T00:00:00-03:00'),
        to: new Date('2025-07-01T00:00:00-03:00'),
        clock: 'CALENDAR',
        filter: { origins },
      }))
        rows++;
      return rows;
    };
    expect(await count(['AD'])).toBe(506);
    expect(await count(['DIRECT'])).toBe(5);
  });

  it('refuses rules that would give AD or DIRECT, or an empty pattern', async () => {
    for (const input of ['{ pattern: "x", origin: AD }', '{ pattern: "  ", origin: WEBSITE }']) {
      const result = await run(app, `mutation { setOriginRule(input: ${input}) { id } }`);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const asSupervisor = await run(
      app,
      'mutation { setOriginRule(input: { pattern: "x", origin: OTHER }) { id } }',
      {},
      viewers.supervisor,
    );
    expect(asSupervisor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await runOk<any>(app, '{ originRules { pattern origin name } }', {}, viewers.supervisor);
    expect(read.originRules).toEqual([{ pattern: 'orçamento', origin: 'OTHER', name: 'Orçamento' }]);
    // A rule changed without a position keeps its place.
    const [first] = (await runOk<any>(app, '{ originRules { id position } }')).originRules;
    await runOk(app, `mutation { setOriginRule(input: { pattern: "instagram", origin: OTHER }) { id } }`);
    await runOk(
      app,
      'mutation($id: ID!) { setOriginRule(input: { id: $id, pattern: "orçamentos", origin: OTHER }) { id } }',
      {
        id: first.id,
      },
    );
    const rules = (await runOk<any>(app, '{ originRules { pattern position } }')).originRules;
    expect(rules).toEqual([
      { pattern: 'orçamentos', position: first.position },
      { pattern: 'instagram', position: first.position + 1 },
    ]);
  });
});

it("reads Umbler's Ad whatever its shape, keys in any case", () => {
  expect(adFact(null)).toBeNull();
  expect(adFact({ title: 'Promo', SOURCEURL: 'https://x.test/a' })).toEqual({
    name: 'Promo',
    source: 'https://x.test/a',
  });
  expect(adFact({ Headline: ' Verão ', SourceType: 'ad', SourceId: 123 })).toEqual({
    name: 'Verão',
    source: 'ad',
  });
  expect(adFact({})).toEqual({ name: null, source: null });
  expect(adFact('campanha')).toEqual({ name: 'campanha', source: null });
});
