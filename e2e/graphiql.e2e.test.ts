import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadarProcess } from '../api/test/process.js';
import { adminToken, launchBrowser, screenshot, startRadar } from './support.js';

describe('GraphiQL at GET /graphql', () => {
  let radar: RadarProcess;
  let browser: Browser;

  beforeAll(async () => {
    radar = await startRadar();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    radar?.child.kill('SIGTERM');
    await radar?.exited();
  });

  it('opens from the app itself (nothing from the internet) and runs a query with the token from its headers', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    const cspViolations: string[] = [];
    page.on('request', (request) => {
      if (
        !request.url().startsWith(radar.url) &&
        !request.url().startsWith('data:') &&
        !request.url().startsWith('blob:')
      )
        foreign.push(request.url());
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });

    const response = await page.goto(`${radar.url}/graphql`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByText('Headers', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-editor').first().waitFor();

    // The headers field: replace the placeholder token with the real one.
    await page.getByText('Headers', { exact: true }).first().click();
    const headers = page.locator('.graphiql-editor-tool .graphiql-editor').last();
    await headers.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(`{"Authorization": "Bearer ${adminToken}"`);

    await page.getByRole('button', { name: /Execute query/i }).click();
    const result = page.locator('.result-window');
    await expect.poll(async () => result.textContent(), { timeout: 15_000 }).toMatch(/"role":\s*"ADMIN"/);
    await screenshot(page, 'graphiql');

    expect(foreign).toEqual([]);
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it('leaves /graphql to API clients that do not ask for a page', async () => {
    const answer = await fetch(`${radar.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      // Apollo's CSRF prevention wants a header no browser form sends.
      headers: { authorization: `Bearer ${adminToken}`, 'apollo-require-preflight': 'true' },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
