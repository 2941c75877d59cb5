import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import { describeEachDatabase, openTestDatabase } from '../test/databases.js';
import { adminToken, webhookToken } from '../test/harness.js';
import { type RadarProcess, spawnRadar } from '../test/process.js';
import { deliver, webhookUrl } from '../tools/simulator/deliver.js';
import { generateTraffic } from '../tools/simulator/traffic.js';
import { openDatabase } from './db/client.js';

// SIGTERM must stop Radar cleanly, every time: at once when idle, within 10 s under load, and
// after a kill -9 and a restart (a PGlite folder left open once made it hang for good).

async function stopWithSigterm(radar: RadarProcess): Promise<number> {
  const started = Date.now();
  radar.child.kill('SIGTERM');
  expect(await radar.exited()).toBe(0);
  // Not the 9 s fallback: the shutdown itself finished.
  expect(radar.output()).toContain('stopped cleanly');
  return Date.now() - started;
}

describeEachDatabase('SIGTERM on a real process', (kind) => {
  it('exits 0 under load, after a kill -9, and idle after each restart', { timeout: 180_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'radar-shutdown-'));
    const db = kind === 'postgres' ? await openTestDatabase('postgres', { migrated: false }) : null;
    const env = {
      DATA_DIR: dataDir,
      ...(db ? { DATABASE_URL: db.url as string } : {}),
      RADAR_ADMIN_TOKEN: adminToken,
      UMBLER_WEBHOOK_TOKEN: webhookToken,
    };
    const bodies = generateTraffic(200, 3_600_000, Date.now() - 2 * 3_600_000, {
      seed: 11,
      retries: 0,
      duplicates: 0,
    }).map((delivery) => JSON.stringify(delivery.body));
    let radar: RadarProcess | null = null;
    try {
      // Under load: 16 senders posting as fast as they are answered, SIGTERM in the middle.
      radar = await spawnRadar(env);
      const hook = webhookUrl(radar.url, webhookToken);
      let answered = 0;
      let sending = true;
      let next = 0;
      const senders = Array.from({ length: 16 }, async () => {
        while (sending && next < bodies.length) {
          const answer = await deliver(hook, bodies[next++] as string).catch(() => null);
          if (!answer) return; // the server has stopped listening
          if (answer.status === 202) answered++;
        }
      });
      // SIGTERM once the load is on (a busy machine may take longer to answer the first 50).
      await vi.waitFor(() => expect(answered).toBeGreaterThan(50), { timeout: 15_000, interval: 50 });
      expect(await stopWithSigterm(radar)).toBeLessThan(10_000);
      sending = false;
      await Promise.all(senders);

      // Whatever was answered 202 was kept.
      const check = await openDatabase(db ? { url: db.url as string } : { dataDir });
      try {
        expect(await check.prisma.webhookEvent.count()).toBeGreaterThanOrEqual(answered);
      } finally {
        await check.close();
      }

      // Killed, restarted, stopped idle: three times over.
      for (let round = 0; round < 3; round++) {
        radar = await spawnRadar(env);
        radar.child.kill('SIGKILL');
        await radar.exited();
        radar = await spawnRadar(env);
        // Idle: what the load left pending has been applied (a stop waits for a batch in flight).
        const started = radar;
        await vi.waitFor(
          async () => {
            const ready = await (await fetch(`${started.url}/readyz`)).json();
            expect(ready.oldestPendingSeconds).toBeNull();
          },
          { timeout: 60_000, interval: 100 },
        );
        expect(await stopWithSigterm(radar)).toBeLessThan(2_000);
      }
      radar = null;
    } finally {
      if (radar && radar.child.exitCode === null) radar.child.kill('SIGKILL');
      await db?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
