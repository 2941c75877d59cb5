import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RadarProcess } from '../api/test/process.js';
import { umblerDataDir } from '../api/test/scenario-data.js';
import { shiftToNow } from '../api/tools/simulator/traffic.js';
import { launchBrowser, login, postWebhook, queuedOnServer, screenshot, startRadar } from './support.js';

describe('the dashboard after the server restarts under it', () => {
  let radar: RadarProcess;
  let browser: Browser;
  let page: Page;
  const env: Record<string, string> = {};

  beforeAll(async () => {
    env.PORT = String(await freePort());
    env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'radar-e2e-restart-'));
    radar = await startRadar(env);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR' });
  });
  afterAll(async () => {
    await browser?.close();
    radar?.child.kill('SIGTERM');
    await radar?.exited();
  });

  it('reconnects by itself and shows what arrived meanwhile, matching the server', async () => {
    await login(page, radar.url);
    await page.getByText('Nenhuma conversa aberta agora').waitFor();
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-state'))
      .toBe('connected');

    radar.child.kill('SIGTERM');
    expect(await radar.exited()).toBe(0);
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-state'))
      .not.toBe('connected');
    // A banner says since when the numbers are stale (the pill alone was easy to miss).
    const stale = page.getByTestId('stale-data');
    await stale.waitFor({ timeout: 10_000 });
    expect(await stale.textContent()).toMatch(/^Dados desatualizados desde \d\d:\d\d:/);
    await screenshot(page, '10-stale-while-down');

    radar = await startRadar(env);
    const example = JSON.parse(fs.readFileSync(`${umblerDataDir()}/events/Message-Contact.json`, 'utf8'));
    const [recent] = shiftToNow(
      [
        {
          deliverAtMs: Date.parse(example.Payload.Content.LastMessage.EventAtUTC),
          attempt: 1,
          body: example,
        },
      ],
      false,
      Date.now() - 60_000,
    );
    expect((await postWebhook(radar.url, recent?.body)).status).toBe(202);

    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('connected');
    const card = page.getByTestId('open-conversation').first();
    await card.waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toContain(example.Payload.Content.Contact.Name);
    const queued = await queuedOnServer(radar.url);
    await expect.poll(() => page.getByTestId('counter-queued').textContent()).toContain(String(queued));
    expect(await stale.count()).toBe(0);
    await screenshot(page, '10-after-restart');
  });
});
