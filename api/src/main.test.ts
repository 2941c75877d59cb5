import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { httpGraphQL } from '../test/clients.js';
import { databaseKinds, openTestDatabase } from '../test/databases.js';
import { type RadarProcess, spawnRadar } from '../test/process.js';

const recordEvent = `mutation($input: RecordConversationEventInput!) {
  recordConversationEvent(input: $input) { externalId status }
}`;

const event = {
  eventId: 'evt-1',
  conversationExternalId: 'chat-1',
  occurredAt: '2026-03-02T12:00:00.000Z',
  changes: ['MESSAGE_ADDED'],
  contact: { externalId: 'contact-1', name: 'Maria', phoneNumber: '+5511999990000' },
  unassigned: true,
  open: true,
  message: { externalId: 'msg-1', sentAt: '2026-03-02T12:00:00.000Z', sender: 'CUSTOMER', text: 'Oi' },
};

describe('pnpm start (the real process)', () => {
  const running: RadarProcess[] = [];
  afterEach(() => {
    for (const radar of running.splice(0)) radar.child.kill('SIGKILL');
  });

  it('on PGlite: generates tokens once, serves, exits 0 on SIGTERM, and keeps data across a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'radar-data-'));
    const first = await spawnRadar({ DATA_DIR: dataDir });
    running.push(first);
    expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${first.url}/readyz`)).json()).toEqual({
      status: 'ready',
      database: 'pglite',
      pending: 0,
      oldestPendingSeconds: null,
      spooled: 0,
    });

    const adminToken = /Admin token[^:]*:\s+(\S+)/.exec(first.output())?.[1] as string;
    const webhookUrl = /Umbler webhook URL to register:\s+(\S+)/.exec(first.output())?.[1] as string;
    expect(adminToken).toMatch(/^[\w-]{32}$/);
    expect(webhookUrl).toMatch(
      new RegExp(`^${first.url.replace('127.0.0.1', 'localhost')}/api/webhook/umbler\\?token=[\\w-]{32}$`),
    );

    const recorded = await httpGraphQL(first.url, adminToken, recordEvent, { input: event });
    expect(recorded.data).toEqual({ recordConversationEvent: { externalId: 'chat-1', status: 'QUEUED' } });

    const stopping = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited()).toBe(0);
    // Idle, it stops at once (it used to hang: Apollo's own signal handler stopped it twice).
    expect(Date.now() - stopping).toBeLessThan(2_000);
    expect(first.output()).toContain('stopped cleanly');
    // Logs are JSON lines and never carry the secrets that were printed once.
    const logLines = first
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(2);
    for (const line of logLines) {
      expect(() => JSON.parse(line)).not.toThrow();
      expect(line).not.toContain(adminToken);
      expect(line).not.toContain('+5511999990000');
    }

    const second = await spawnRadar({ DATA_DIR: dataDir });
    running.push(second);
    expect(second.output()).not.toContain('Admin token');
    expect(second.output()).toContain('set RADAR_ADMIN_TOKEN to replace it');
    const after = await httpGraphQL(
      second.url,
      adminToken,
      '{ conversations { totalCount edges { node { externalId contact { name } } } } }',
    );
    expect(after.data.conversations).toEqual({
      totalCount: 1,
      edges: [{ node: { externalId: 'chat-1', contact: { name: 'Maria' } } }],
    });
  });

  it.runIf(databaseKinds.includes('postgres'))(
    'on PostgreSQL with DATABASE_URL: ready, and the same code serves',
    async () => {
      const db = await openTestDatabase('postgres', { migrated: false });
      try {
        const radar = await spawnRadar({
          DATABASE_URL: db.url as string,
          RADAR_ADMIN_TOKEN: 'pg-admin-token-0123456789',
        });
        running.push(radar);
        expect(await (await fetch(`${radar.url}/readyz`)).json()).toEqual({
          status: 'ready',
          database: 'postgres',
          pending: 0,
          oldestPendingSeconds: null,
          spooled: 0,
        });
        const recorded = await httpGraphQL(radar.url, 'pg-admin-token-0123456789', recordEvent, {
          input: event,
        });
        expect(recorded.data.recordConversationEvent.status).toBe('QUEUED');
        const stopping = Date.now();
        radar.child.kill('SIGTERM');
        expect(await radar.exited()).toBe(0);
        expect(Date.now() - stopping).toBeLessThan(2_000);
      } finally {
        await db.close();
      }
    },
  );

  it('refuses to start with a bad configuration, naming the variable', async () => {
    const radar = await spawnRadar(
      { RADAR_TIMEZONE: 'Nowhere/City', DATA_DIR: os.tmpdir() },
      { waitReady: false },
    );
    running.push(radar);
    expect(await radar.exited()).toBe(1);
    expect(radar.output()).toContain('RADAR_TIMEZONE: must be an IANA time zone');
  });
});
