import fs from 'node:fs';
import net from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RadarProcess } from '../api/test/process.js';
import { umblerDataDir } from '../api/test/scenario-data.js';
import { shiftToNow } from '../api/tools/simulator/traffic.js';
import { launchBrowser, login, postWebhook, queuedOnServer, screenshot, startRadar } from './support.js';

/**
 * The browser reaches Radar through this TCP relay; `drop()` cuts every connection (RST) and
 * refuses new ones until `restore()`: the network between them fails, the server keeps running.
 */
async function relayTo(port: number) {
  const sockets = new Set<net.Socket>();
  let dropped = false;
  const server = net.createServer((client) => {
    if (dropped) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(port, '127.0.0.1');
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
    }
  });
  const relayPort = await freePort();
  await new Promise<void>((resolve) => server.listen(relayPort, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${relayPort}`,
    drop() {
      dropped = true;
      for (const socket of sockets) socket.resetAndDestroy();
    },
    restore() {
      dropped = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const example = () => JSON.parse(fs.readFileSync(`${umblerDataDir()}/events/Message-Contact.json`, 'utf8'));

/** The example chat's customer message, `secondsAgo` before now, with its own ids and text. */
function customerMessage(secondsAgo: number, id: string, text: string) {
  const body = example();
  body.EventId = `drop-${id}`;
  body.Payload.Content.LastMessage.Id = `drop-message-${id}`;
  body.Payload.Content.LastMessage.Content = text;
  const [shifted] = shiftToNow(
    [{ deliverAtMs: Date.parse(body.Payload.Content.LastMessage.EventAtUTC), attempt: 1, body }],
    false,
    Date.now() - secondsAgo * 1000,
  );
  return shifted?.body;
}

describe('the dashboard after the network drops under it', () => {
  let radar: RadarProcess;
  let relay: Awaited<ReturnType<typeof relayTo>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    radar = await startRadar();
    relay = await relayTo(Number(new URL(radar.url).port));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR' });
  });
  afterAll(async () => {
    await browser?.close();
    await relay?.close();
    radar?.child.kill('SIGTERM');
    await radar?.exited();
  });

  it('reconnects by itself; the live page and an open conversation show what arrived meanwhile', async () => {
    expect((await postWebhook(radar.url, customerMessage(120, 'first', 'Antes da queda'))).status).toBe(202);
    await login(page, relay.url);
    await page.getByRole('link', { name: 'Conversas' }).click();
    await page.getByTestId('conversation-row').first().getByRole('link').first().click();
    await page.getByTestId('chat-log').waitFor();
    await page.getByText('Antes da queda').waitFor();
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-state'))
      .toBe('connected');

    relay.drop();
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 20_000 })
      .not.toBe('connected');
    // Arrives while the dashboard cannot hear: straight to Radar, not through the relay.
    expect((await postWebhook(radar.url, customerMessage(30, 'second', 'Durante a queda'))).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await page.getByText('Durante a queda').count()).toBe(0);

    relay.restore();
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('connected');
    await page.getByText('Durante a queda').waitFor({ timeout: 10_000 });
    await screenshot(page, '11-conversation-after-network-drop');

    // The live page matches the server.
    await page.getByRole('link', { name: 'Tempo real' }).click();
    const queued = await queuedOnServer(radar.url);
    await expect.poll(() => page.getByTestId('counter-queued').textContent()).toContain(String(queued));
    const card = page.getByTestId('open-conversation').first();
    await expect.poll(() => card.textContent()).toContain('Durante a queda');
  });
});
