import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { type RadarProcess, spawnRadar } from '../api/test/process.js';
import { type DeliveryAnswer, deliver, webhookUrl } from '../api/tools/simulator/deliver.js';

export const adminToken = 'e2e-admin-token-0123456789';
export const webhookToken = 'e2e-webhook-token-0123456789';
export const screenshotsDir = fileURLToPath(new URL('../test-results/screenshots', import.meta.url));

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A real Radar process on an empty embedded database, with known tokens. */
export async function startRadar(env: Record<string, string> = {}): Promise<RadarProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'radar-e2e-'));
  return spawnRadar({
    DATA_DIR: dataDir,
    RADAR_ADMIN_TOKEN: adminToken,
    UMBLER_WEBHOOK_TOKEN: webhookToken,
    LOG_LEVEL: 'warn',
    ...env,
  });
}

export function postWebhook(baseUrl: string, body: unknown, attempt = 1): Promise<DeliveryAnswer> {
  return deliver(webhookUrl(baseUrl, webhookToken), JSON.stringify(body), { attempt });
}

export async function login(page: Page, baseUrl: string, token = adminToken): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Token de acesso').fill(token);
  await page.getByRole('button', { name: 'Entrar' }).click();
  // Signed in once the shell is up: the token is checked with the server before it is kept, and
  // a test that navigates at once would otherwise find the login page again (seen under load).
  await page.getByTestId('connection-status').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** How many conversations the server counts as queued right now (what the live page must show). */
export async function queuedOnServer(baseUrl: string): Promise<number> {
  const answer = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ query: '{ liveOverview { queued } }' }),
  });
  const body = (await answer.json()) as { data: { liveOverview: { queued: number } } };
  return body.data.liveOverview.queued;
}

/**
 * What axe-core finds on the page as it is, of serious or critical impact: one line per rule with
 * its first offending elements. Injected through the DevTools protocol, which the page's
 * Content-Security-Policy does not apply to.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const found = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return found.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.targets.join('\n  ')}`);
}

/** One GraphQL operation as the admin, over HTTP; fails the test on any error. */
export async function adminGraphql(baseUrl: string, query: string, variables?: unknown) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}
