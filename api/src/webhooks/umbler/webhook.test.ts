import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  databaseKinds,
  describeEachDatabase,
  openTestDatabase,
  type TestDatabase,
} from '../../../test/databases.js';
import { createTestApp, run, runOk, testConfig, viewers, webhookToken } from '../../../test/harness.js';
import { exampleEvents, loadScenario } from '../../../test/scenario-data.js';
import { waitForDrain } from '../../../test/webhook-support.js';
import { deliver, webhookUrl } from '../../../tools/simulator/deliver.js';
import { hashToken } from '../../auth.js';
import { createAuthFailures } from '../../auth-failures.js';
import { openDatabase } from '../../db/client.js';
import { watchDatabase } from '../../db/health.js';
import { storeInboxEvent } from '../../ingest/inbox.js';
import { openIntake } from '../../ingest/intake.js';
import { createInboxProcessor } from '../../ingest/processor.js';
import { LEGACY_FORMAT_ERROR, parseUmbler } from '../../ingest/umbler.js';
import { createLogger } from '../../logger.js';
import { type Radar, startRadar } from '../../radar.js';
import { webhookReceiver } from './receive.js';

const examples = exampleEvents();
const example = (file: string) => {
  const text = examples.get(file);
  if (text === undefined) throw new Error(`no example ${file}`);
  return text;
};
interface ExampleBody {
  EventId: string;
  Payload: { Content: { LastMessage: { Id: string; File: { OriginalSizeBytes: number } } | null } };
}
const withEventId = (file: string, eventId: string, edit: (body: ExampleBody) => void = () => {}) => {
  const body = JSON.parse(example(file)) as ExampleBody;
  body.EventId = eventId;
  edit(body);
  return JSON.stringify(body);
};

const PROCESSED_EXAMPLES = [...examples.keys()].filter(
  (file) => file.endsWith('.json') && file !== 'unknown-type.json',
);

describeEachDatabase('Umbler webhook over HTTP', (kind) => {
  let db: TestDatabase;
  let radar: Radar;
  let url: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const config = testConfig({ LOG_LEVEL: 'debug' });
    const logs = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    radar = await startRadar(config, createLogger('debug', logs), { db });
    url = webhookUrl(radar.url, webhookToken);
  });
  afterAll(async () => {
    await radar?.close();
    await db?.close();
  });

  const inbox = (eventId: string) =>
    db.prisma.webhookEvent.findUniqueOrThrow({ where: { source_eventId: { source: 'umbler', eventId } } });
  const lastStored = () => db.prisma.webhookEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
  const count = () => db.prisma.webhookEvent.count();

  it('refuses a missing or wrong token with 401 and stores nothing', async () => {
    const body = example('Message-Contact.json');
    const before = await count();
    const base = `${radar.url}/api/webhook/umbler`;
    for (const target of [base, `${base}?token=`, `${base}?token=wrong-token-0123456789`]) {
      const answer = await deliver(target, body);
      expect(answer.status).toBe(401);
      expect(answer.body?.error).toMatch(/token/);
    }
    const inHeader = await fetch(base, {
      method: 'POST',
      headers: { authorization: `Bearer ${webhookToken}`, 'content-type': 'application/json' },
      body,
    });
    expect(inHeader.status).toBe(401);
    expect(await count()).toBe(before);
  });

  it('answers every example body as documented and keeps it byte for byte', async () => {
    for (const file of PROCESSED_EXAMPLES) {
      const answer = await deliver(url, example(file));
      const { EventId } = JSON.parse(example(file));
      expect(answer, file).toEqual({ status: 202, body: { status: 'accepted', eventId: EventId } });
    }
    const unknown = await deliver(url, example('unknown-type.json'));
    expect(unknown.status).toBe(202);
    expect(unknown.body).toMatchObject({ status: 'ignored', eventId: 'aaVuwFqZchfmUNKN' });
    await waitForDrain(db);

    for (const file of [...PROCESSED_EXAMPLES, 'unknown-type.json']) {
      const text = example(file);
      const { EventId, Type, Payload } = JSON.parse(text);
      const stored = await inbox(EventId);
      expect(stored, file).toMatchObject({
        type: Type,
        conversationKey: Payload.Content.Id,
        status: file === 'unknown-type.json' ? 'IGNORED' : 'PROCESSED',
        attempts: 1,
      });
      expect(stored.error, file).toBe(
        file === 'unknown-type.json' ? 'unknown event type ChatArchived' : null,
      );
      expect(Buffer.from(stored.rawBody).equals(Buffer.from(text)), file).toBe(true);
      expect(stored.processedAt?.getTime()).toBeGreaterThanOrEqual(stored.receivedAt.getTime());
    }
    const chats = await db.prisma.conversation.findMany({ select: { externalId: true, internal: true } });
    expect(chats.map((c) => c.externalId).sort()).toEqual(
      ['aaVuvxknXajV8v6y', 'aaVvtJiuKpqi8vuF', 'aaWPM0V9RzPO8v1G', 'aapU_FmST1uF8v7s'].sort(),
    );
    expect(chats.find((c) => c.externalId === 'aapU_FmST1uF8v7s')?.internal).toBe(true);
  });

  it('counts a repeated EventId as an attempt, answers 200 and does not process it again', async () => {
    const body = example('Message-Member.json');
    const first = await inbox('aaVwePTMpvzq8wQt');
    const messages = await db.prisma.message.count();

    const retry = await deliver(url, body, { attempt: 3 });
    expect(retry).toEqual({ status: 200, body: { status: 'duplicate', eventId: 'aaVwePTMpvzq8wQt' } });
    expect((await inbox('aaVwePTMpvzq8wQt')).attempts).toBe(3);
    const again = await deliver(url, body, { attempt: 1 });
    expect(again.status).toBe(200);
    await waitForDrain(db);

    const stored = await inbox('aaVwePTMpvzq8wQt');
    expect(stored).toMatchObject({ attempts: 4, status: 'PROCESSED', processedAt: first.processedAt });
    expect(await db.prisma.message.count()).toBe(messages);
  });

  it('stores the first attempt number it sees from x-attempt', async () => {
    const answer = await deliver(url, withEventId('NewChat.json', 'attempt-header-01'), { attempt: 2 });
    expect(answer.status).toBe(202);
    expect((await inbox('attempt-header-01')).attempts).toBe(2);
  });

  it('rejects malformed JSON with 400 and keeps it FAILED with its raw text', async () => {
    const text = '{"Type": "Message", "EventId": "broken", ';
    const answer = await deliver(url, text);
    expect(answer.status).toBe(400);
    expect(answer.body?.error).toMatch(/^The body is not valid JSON/);
    const stored = await lastStored();
    expect(stored).toMatchObject({ rawBody: text, status: 'FAILED', eventId: null });
    expect(stored.error).toMatch(/not valid JSON/);

    const empty = await deliver(url, '');
    expect(empty.status).toBe(400);
    expect(await lastStored()).toMatchObject({ rawBody: '', status: 'FAILED' });
  });

  it('rejects the legacy uTalk form-encoded format with 415 whatever its content type', async () => {
    const text = example('legacy-form-encoded.txt');
    for (const contentType of ['application/x-www-form-urlencoded', 'application/json', 'text/plain']) {
      const answer = await deliver(url, text, { contentType });
      expect(answer).toEqual({ status: 415, body: { error: LEGACY_FORMAT_ERROR, eventId: null } });
      expect(await lastStored()).toMatchObject({
        rawBody: text.replace(/token=[^&]*/, 'token=[redacted]'),
        status: 'FAILED',
        error: LEGACY_FORMAT_ERROR,
      });
    }
    expect(LEGACY_FORMAT_ERROR).toMatch(/uTalk.*not support.*Umbler Talk webhook.*JSON/s);
  });

  it('rejects a known type lacking what it needs with 422 and the precise error', async () => {
    const body = withEventId('Message-Contact.json', 'no-message-0001', (b) => {
      b.Payload.Content.LastMessage = null;
    });
    const answer = await deliver(url, body);
    expect(answer).toEqual({
      status: 422,
      body: { error: 'Payload.Content.LastMessage is required', eventId: 'no-message-0001' },
    });
    expect(await inbox('no-message-0001')).toMatchObject({
      status: 'FAILED',
      type: 'Message',
      conversationKey: 'aaVuvxknXajV8v6y',
      error: 'Payload.Content.LastMessage is required',
      rawBody: body,
    });
  });

  it('keeps every hostile body, applies what it carries, and never answers 500', async () => {
    type Loose = Record<string, any>;
    const edit = (file: string, eventId: string, change: (b: Loose) => void) =>
      withEventId(file, eventId, (b) => change(b as unknown as Loose));

    const nul = edit('Message-Contact.json', 'nul-0001', (b) => {
      const content = b.Payload.Content;
      content.Id = 'nul-chat';
      content.LastMessage.Id = 'nul-message';
      content.LastMessage.Content = 'antes\u0000depois';
      content.Contact.Id = 'nul-contact';
      content.Contact.Name = 'Ana\u0000Maria';
      content.Tags = [{ Id: 'nul-tag', Name: 'VIP\u0000' }];
    });
    expect(nul).toContain('\\u0000');
    const huge = edit('Message-Contact-media.json', 'huge-file-0001', (b) => {
      b.Payload.Content.LastMessage.File.OriginalSizeBytes = 3_000_000_000;
      b.Payload.Content.LastMessage.Id = 'huge-file-message';
    });
    for (const body of [nul, huge]) expect((await deliver(url, body)).status).toBe(202);
    await waitForDrain(db);
    expect((await inbox('nul-0001')).status).toBe('PROCESSED');
    expect((await inbox('huge-file-0001')).status).toBe('PROCESSED');
    expect((await inbox('nul-0001')).rawBody).toBe(nul);
    const message = await db.prisma.message.findUniqueOrThrow({ where: { externalId: 'nul-message' } });
    expect(message.text).toBe('antes\uFFFDdepois');
    expect((await db.prisma.contact.findUniqueOrThrow({ where: { externalId: 'nul-contact' } })).name).toBe(
      'Ana\uFFFDMaria',
    );
    expect((await db.prisma.tag.findUniqueOrThrow({ where: { externalId: 'nul-tag' } })).name).toBe(
      'VIP\uFFFD',
    );
    const file = await runOk<{
      conversations: { edges: { node: { lastMessage: { file: { sizeBytes: number } } } }[] };
    }>(radar.app, `{ conversations(first: 100) { edges { node { lastMessage { file { sizeBytes } } } } } }`);
    const sizes = file.conversations.edges.map((e) => e.node.lastMessage?.file?.sizeBytes);
    expect(sizes).toContain(3_000_000_000);

    // A date years ahead is kept FAILED and cannot freeze the conversation.
    const chat = (b: Loose, id: string) => {
      b.Payload.Content.Id = 'future-chat';
      if (b.Payload.Content.LastMessage) b.Payload.Content.LastMessage.Id = id;
    };
    const opened = edit('Message-Contact.json', 'future-open', (b) => chat(b, 'future-message-1'));
    const ahead = edit('MemberTransfer.json', 'future-0001', (b) => {
      chat(b, 'future-message-1');
      b.EventDate = '9999-12-31T23:59:59Z';
    });
    const closed = edit('ChatClosed.json', 'future-close', (b) => chat(b, 'future-message-1'));
    expect((await deliver(url, opened)).status).toBe(202);
    const refused = await deliver(url, ahead);
    expect(refused.status).toBe(422);
    expect(refused.body?.error).toMatch(/9999-12-31T23:59:59.000Z is more than a day in the future/);
    expect(await inbox('future-0001')).toMatchObject({ status: 'FAILED', rawBody: ahead });
    expect((await deliver(url, closed)).status).toBe(202);
    await waitForDrain(db);
    const future = await db.prisma.conversation.findUniqueOrThrow({ where: { externalId: 'future-chat' } });
    expect(future.status).toBe('CLOSED');
    expect(future.stateAt.getUTCFullYear()).toBeLessThan(9999);

    // Absurd nesting and ids: kept FAILED with a clear error, answered 422.
    const deep = withEventId('NewChat.json', 'deep-0001').replace(
      /}$/,
      `,"Extra":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    );
    const longId = withEventId('NewChat.json', 'x'.repeat(10_000));
    for (const [body, error] of [
      [deep, /nests 5001 levels deep; at most 64/],
      [longId, /EventId has 10000 characters; at most 128/],
    ] as const) {
      const answer = await deliver(url, body);
      expect(answer.status).toBe(422);
      expect(answer.body?.error).toMatch(error);
      const stored = await lastStored();
      expect(stored).toMatchObject({ status: 'FAILED', rawBody: body });
      expect(stored.error).toMatch(error);
    }
  });

  it('accepts a body of exactly 1 MB and refuses a larger one with 413, storing nothing', async () => {
    const body = withEventId('Message-Contact.json', 'one-megabyte-01');
    const exact = body + ' '.repeat(1024 * 1024 - Buffer.byteLength(body));
    expect((await deliver(url, exact)).status).toBe(202);
    const before = await count();
    const tooLarge = withEventId('Message-Contact.json', 'too-large-01');
    const answer = await deliver(url, tooLarge + ' '.repeat(1024 * 1024 + 1 - Buffer.byteLength(tooLarge)));
    expect(answer.status).toBe(413);
    expect(answer.body?.error).toMatch(/1 MB/);
    expect(await count()).toBe(before);
    await waitForDrain(db);
  });

  it('reads a gzip body, refuses an unknown encoding with 415 and a chunked body over 1 MB with 413', async () => {
    /** A raw request: `deliver` always sends a Content-Length and no encoding. */
    const post = (headers: http.OutgoingHttpHeaders, chunks: Buffer[]) =>
      new Promise<{ status: number; body: { status?: string; error?: string } }>((resolve, reject) => {
        const request = http.request(url, { method: 'POST', headers }, (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
        });
        request.on('error', reject);
        for (const chunk of chunks) request.write(chunk);
        request.end();
      });
    const before = await count();
    const zipped = withEventId('Message-Contact.json', 'gzip-body-01');
    const gzip = await post({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, [
      zlib.gzipSync(zipped),
    ]);
    expect(gzip).toMatchObject({ status: 202, body: { status: 'accepted' } });
    expect((await inbox('gzip-body-01')).rawBody).toBe(zipped);

    const unknown = await post({ 'content-type': 'application/json', 'content-encoding': 'zstd' }, [
      Buffer.from(withEventId('Message-Contact.json', 'zstd-body-01')),
    ]);
    expect(unknown.status).toBe(415);
    expect(unknown.body.error).toMatch(/zstd/);

    const half = Buffer.alloc(600 * 1024, ' ');
    const chunked = await post({ 'content-type': 'application/json' }, [
      Buffer.from(withEventId('Message-Contact.json', 'chunked-large-01')),
      half,
      half,
    ]);
    expect(chunked.status).toBe(413);
    expect(await count()).toBe(before + 1);
    await waitForDrain(db);
  });

  it('lists the inbox newest first to admins only, filtered by status', async () => {
    const query = `query Inbox($status: InboxStatus, $after: String) {
      webhookEvents(first: 2, status: $status, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node { id eventId type status error attempts receivedAt processedAt rawBody } }
      }
    }`;
    type Page = {
      webhookEvents: {
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { eventId: string | null; status: string; receivedAt: Date } }[];
      };
    };
    const first = await runOk<Page, object>(radar.app, query, { status: 'FAILED' });
    expect(first.webhookEvents.edges).toHaveLength(2);
    expect(first.webhookEvents.edges.every((edge) => edge.node.status === 'FAILED')).toBe(true);
    const second = await runOk<Page, object>(radar.app, query, {
      status: 'FAILED',
      after: first.webhookEvents.pageInfo.endCursor,
    });
    const ids = [...first.webhookEvents.edges, ...second.webhookEvents.edges].map((e) => e.node.eventId);
    const newestFailed = await db.prisma.webhookEvent.findMany({
      where: { status: 'FAILED' },
      orderBy: { id: 'desc' },
      take: 4,
    });
    expect(ids).toEqual(newestFailed.map((event) => event.eventId));

    for (const viewer of [viewers.supervisor, viewers.integrator]) {
      const denied = await run(radar.app, query, {}, viewer);
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('replays FAILED and IGNORED events, and only those', async () => {
    const replay = `mutation Replay($id: ID!) { replayWebhookEvent(id: $id) { eventId status error processedAt } }`;
    const globalId = (id: number) => Buffer.from(`WebhookEvent:${id}`).toString('base64');

    // A past failure (say, the database was down) that succeeds now.
    const body = withEventId('Message-Contact.json', 'replayed-0001', (b) => {
      b.Payload.Content.LastMessage!.Id = 'replayed-message';
    });
    const failed = await db.prisma.webhookEvent.create({
      data: { source: 'umbler', eventId: 'replayed-0001', rawBody: body, status: 'FAILED', error: 'timeout' },
    });
    const replayed = await runOk<{ replayWebhookEvent: Record<string, unknown> }, object>(radar.app, replay, {
      id: globalId(failed.id),
    });
    expect(replayed.replayWebhookEvent).toMatchObject({
      eventId: 'replayed-0001',
      status: 'PROCESSED',
      error: null,
    });
    expect(await db.prisma.message.count({ where: { externalId: 'replayed-message' } })).toBe(1);

    const invalid = await inbox('no-message-0001');
    const stillInvalid = await runOk<{ replayWebhookEvent: Record<string, unknown> }, object>(
      radar.app,
      replay,
      {
        id: globalId(invalid.id),
      },
    );
    expect(stillInvalid.replayWebhookEvent).toMatchObject({
      status: 'FAILED',
      error: 'Payload.Content.LastMessage is required',
    });
    const ignored = await inbox('aaVuwFqZchfmUNKN');
    expect(
      (
        await runOk<{ replayWebhookEvent: { status: string } }, object>(radar.app, replay, {
          id: globalId(ignored.id),
        })
      ).replayWebhookEvent.status,
    ).toBe('IGNORED');

    const processed = await inbox('aaVwePTMpvzq8wQt');
    const refused = await run(radar.app, replay, { id: globalId(processed.id) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await run(radar.app, replay, { id: globalId(999_999) });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const forbidden = await run(radar.app, replay, { id: globalId(failed.id) }, viewers.integrator);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('never logs the webhook token or a full phone number', async () => {
    const body = withEventId('NewChat.json', 'spelled-token');
    const base = `${radar.url}/api/webhook/umbler`;
    for (const query of [`tok%65n=${webhookToken}`, `token[]=${webhookToken}`, `TOKEN=${webhookToken}&a=1`]) {
      expect((await deliver(`${base}?${query}`, body)).status).toBeLessThan(500);
    }
    const logs = logLines.join('');
    expect(logs).toContain('"path":"/api/webhook/umbler"');
    expect(logs).not.toMatch(/"path":"[^"]*\?/);
    expect(logs).toContain('webhook');
    expect(logs).not.toContain(webhookToken);
    for (const phone of ['5541955671685', '551134000067']) expect(logs).not.toContain(phone);
  });
});

describe('the inbox processor', () => {
  let db: TestDatabase;
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    server?.close();
    await db?.close();
  });

  it('answers before processing, and processes what was left PENDING when it starts', async () => {
    const app = createTestApp(db);
    const webhook = { processor: createInboxProcessor(app) };
    const intake = await openIntake({
      db,
      health: watchDatabase(db, app.logger),
      logger: app.logger,
      spoolDir: fs.mkdtempSync(path.join(os.tmpdir(), 'radar-spool-')),
      spoolAfterMs: app.config.spoolAfterMs,
      onStored: () => webhook.processor.wake(),
    });
    server = http.createServer(
      webhookReceiver(
        app,
        { adminHash: hashToken('admin'), webhookHash: hashToken('hook') },
        createAuthFailures(),
        intake,
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, resolve));
    url = `http://localhost:${(server.address() as AddressInfo).port}/hook?token=hook`;

    expect((await deliver(url, example('Message-Contact.json'))).status).toBe(202);
    expect((await deliver(url, example('MemberTransfer.json'))).status).toBe(202);
    const pending = await db.prisma.webhookEvent.findMany({ orderBy: { id: 'asc' } });
    expect(pending.map((event) => event.status)).toEqual(['PENDING', 'PENDING']);

    webhook.processor.start();
    await webhook.processor.idle();
    const processed = await db.prisma.webhookEvent.findMany({ orderBy: { id: 'asc' } });
    expect(processed.map((event) => event.status)).toEqual(['PROCESSED', 'PROCESSED']);
    expect(processed[0]!.processedAt!.getTime()).toBeLessThanOrEqual(processed[1]!.processedAt!.getTime());

    expect((await deliver(url, example('ChatClosed.json'))).status).toBe(202);
    await webhook.processor.idle();
    expect((await db.prisma.webhookEvent.findFirstOrThrow({ orderBy: { id: 'desc' } })).status).toBe(
      'PROCESSED',
    );
    await webhook.processor.stop();
    await webhook.processor.idle();
  });
  it('leaves an event PENDING while the database is unreachable, and processes it once back', async () => {
    let down = true;
    let refused = 0;
    const unreachable = () => {
      refused++;
      return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    };
    // The write path and the health probe fail; the inbox itself stays readable.
    const prisma = new Proxy(db.prisma, {
      get(target, property) {
        if (down && (property === '$transaction' || property === '$queryRaw')) return unreachable;
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const app = createTestApp({ ...db, prisma });
    const inboxEvent = await db.prisma.webhookEvent.create({
      data: { source: 'umbler', eventId: 'outage-0001', rawBody: withEventId('NewChat.json', 'outage-0001') },
    });
    const processor = createInboxProcessor(app);
    processor.start();
    try {
      await expect.poll(() => refused, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
      const during = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { id: inboxEvent.id } });
      expect(during.status).toBe('PENDING');

      down = false;
      processor.wake();
      await processor.idle();
      const after = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { id: inboxEvent.id } });
      expect(after).toMatchObject({ status: 'PROCESSED', error: null });
    } finally {
      await processor.stop();
    }
  });
});

describe.runIf(databaseKinds.includes('postgres'))('two Radar instances on one PostgreSQL inbox', () => {
  it('share the PENDING events without processing any twice', async () => {
    const db = await openTestDatabase('postgres');
    const second = await openDatabase({ url: db.url! });
    try {
      const { deliveries } = loadScenario('two-days');
      const bodies = deliveries.slice(0, 200).map((d) => JSON.stringify(d.body));
      for (const rawBody of bodies) {
        const parsed = parseUmbler(rawBody);
        if (parsed.kind !== 'event') throw new Error(parsed.kind);
        const { eventId, type, conversationKey } = parsed;
        await storeInboxEvent(db, {
          source: 'umbler',
          eventId,
          type,
          conversationKey,
          rawBody,
          attempts: 1,
          status: 'PENDING',
          error: null,
        });
      }
      const stored = await db.prisma.webhookEvent.count();
      const processedBy = [0, 0];
      const instances = [db, second].map((database, index) => {
        const logs = new Writable({
          write(chunk, _encoding, done) {
            for (const line of String(chunk).split('\n')) {
              if (line.includes('"inbox batch"')) processedBy[index]! += JSON.parse(line).events;
            }
            done();
          },
        });
        const app = { ...createTestApp(database), logger: createLogger('debug', logs) };
        return createInboxProcessor(app);
      });
      for (const processor of instances) processor.start();
      await Promise.all(instances.map((processor) => processor.idle()));
      await waitForDrain(db);
      await Promise.all(instances.map((processor) => processor.stop()));

      expect(await db.prisma.webhookEvent.count({ where: { status: 'PROCESSED' } })).toBe(stored);
      expect(processedBy[0]! + processedBy[1]!).toBe(stored);
      expect(Math.min(...processedBy)).toBeGreaterThan(0);
    } finally {
      await second.close();
      await db.close();
    }
  });
});
