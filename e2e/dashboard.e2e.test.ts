import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadarProcess } from '../api/test/process.js';
import { loadScenario, umblerDataDir } from '../api/test/scenario-data.js';
import { shiftToNow } from '../api/tools/simulator/traffic.js';
import { formatDuration } from '../client/src/lib/duration.js';
import {
  adminToken,
  launchBrowser,
  login,
  postWebhook,
  screenshot,
  seriousAxeViolations,
  startRadar,
} from './support.js';

async function waitForDrain(baseUrl: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        query: '{ webhookEvents(first: 1, status: PENDING) { edges { node { id } } } }',
      }),
    });
    const body = (await response.json()) as { data: { webhookEvents: { edges: unknown[] } } };
    if (body.data.webhookEvents.edges.length === 0) return;
    if (Date.now() > deadline) throw new Error('the inbox did not drain');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the dashboard in Chromium', () => {
  let radar: RadarProcess;
  let browser: Browser;
  let page: Page;
  const policyViolations: string[] = [];

  beforeAll(async () => {
    radar = await startRadar();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'pt-BR' });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    radar?.child.kill('SIGTERM');
    await radar?.exited();
  });

  it('logs in with a token, says when it is wrong, survives a reload and logs out', async () => {
    await page.goto(`${radar.url}/`);
    await screenshot(page, '01-login');
    await page.getByLabel('Token de acesso').fill('not-a-valid-token');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('Token inválido');

    await login(page, radar.url);
    await page.getByTestId('connection-status').waitFor();
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-state'))
      .toBe('connected');
    await page.reload();
    await expect.poll(() => page.getByTestId('connection-status').textContent()).toContain('Conectado');

    await page.getByRole('button', { name: 'Sair' }).click();
    await page.getByLabel('Token de acesso').waitFor();
    await login(page, radar.url);
    await page.getByTestId('connection-status').waitFor();
  });

  it('shows a new conversation on the live page within a second of the webhook, without a reload', async () => {
    await page.getByRole('link', { name: 'Tempo real' }).click();
    await page.getByText('Nenhuma conversa aberta agora').waitFor();
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-state'))
      .toBe('connected');

    const example = JSON.parse(fs.readFileSync(`${umblerDataDir()}/events/Message-Contact.json`, 'utf8'));
    const [twoMinutesAgo] = shiftToNow(
      [
        {
          deliverAtMs: Date.parse(example.Payload.Content.LastMessage.EventAtUTC),
          attempt: 1,
          body: example,
        },
      ],
      false,
      Date.now() - 2 * 60_000,
    );
    const posted = Date.now();
    const response = await postWebhook(radar.url, twoMinutesAgo?.body);
    expect(response.status).toBe(202);

    const card = page.getByTestId('open-conversation').first();
    await card.waitFor({ timeout: 5000 });
    expect(Date.now() - posted).toBeLessThan(1500);
    expect(await card.textContent()).toContain(example.Payload.Content.Contact.Name);
    await expect.poll(() => page.getByTestId('counter-queued').textContent()).toMatch(/1/);
    const firstTimer = await card.getByTestId('wait-timer').textContent();
    await page.waitForTimeout(1500);
    expect(await card.getByTestId('wait-timer').textContent()).not.toBe(firstTimer);
    await screenshot(page, '02-live');
  });

  it("lists conversations as they arrive and opens one's history as a chat", async () => {
    const example = JSON.parse(fs.readFileSync(`${umblerDataDir()}/events/Message-Contact.json`, 'utf8'));
    await page.getByRole('link', { name: 'Conversas' }).click();
    const row = page.getByTestId('conversation-row').first();
    await row.waitFor();
    expect(await page.getByTestId('conversations-total').textContent()).toMatch(/1/);
    const another = JSON.parse(
      fs.readFileSync(`${umblerDataDir()}/events/Message-Contact-media.json`, 'utf8'),
    );
    expect((await postWebhook(radar.url, another)).status).toBe(202);
    await expect.poll(() => page.getByTestId('conversation-row').count(), { timeout: 5000 }).toBe(2);
    expect(await page.getByTestId('conversations-total').textContent()).toMatch(/2/);
    await screenshot(page, '03-conversations');
    await page
      .getByTestId('conversation-row')
      .filter({ hasText: example.Payload.Content.Contact.Name })
      .getByRole('link')
      .first()
      .click();
    await page.getByTestId('chat-log').waitFor();
    const messages = page.getByTestId('chat-message');
    await expect.poll(() => messages.count()).toBeGreaterThan(0);
    expect(await messages.first().getAttribute('data-sender')).toBe('CUSTOMER');
    await screenshot(page, '04-conversation');
  });

  it("shows every agent by name with the scenario's numbers", async () => {
    const scenario = loadScenario('tiny');
    for (const delivery of scenario.deliveries) {
      const response = await postWebhook(radar.url, delivery.body, delivery.attempt);
      expect(response.status).toBeLessThan(300);
    }
    await waitForDrain(radar.url);
    const whole = scenario.expected.periods[0]!;
    const days = (iso: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date(iso));
    const to = days(new Date(Date.parse(whole.to) - 1).toISOString());
    await page.goto(`${radar.url}/agents?period=custom&from=${days(whole.from)}&to=${to}`);
    const rows = page.getByTestId('agent-metrics-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(Object.keys(whole.agents).length);
    for (const [agentId, expected] of Object.entries(whole.agents)) {
      const name = scenario.expected.agentNames[agentId] as string;
      const row = rows.filter({ hasText: name });
      expect(await row.count(), name).toBe(1);
      // Cells by their column's header, so new columns do not shift what is read.
      const headers = await page.getByTestId('agent-metrics-table').locator('thead th').allTextContents();
      const cells = await row.locator('th, td').allTextContents();
      const cell = (header: string) => cells[headers.findIndex((text) => text.startsWith(header))];
      const [handled, resolved, sent, response] = [
        'Atendidos',
        'Resolvidos',
        'Mensagens',
        'Tempo de resposta',
      ].map(cell);
      expect(handled, name).toBe(String(expected.conversationsHandled));
      expect(resolved, name).toBe(String(expected.conversationsResolved));
      expect(sent, name).toMatch(new RegExp(`^${expected.messagesSent}(\\s|$)`));
      const median = (expected.responseTime as { median: number }).median;
      expect(response, name).toContain(formatDuration(median));
    }
    // Agents with nothing in the period come last, after everyone who worked.
    const headers = await page.getByTestId('agent-metrics-table').locator('thead th').allTextContents();
    const column = (header: string) => headers.findIndex((text) => text.startsWith(header));
    const idle = await rows.evaluateAll(
      (trs, [handled, resolved, sent]) =>
        trs.map((tr) => {
          const cells = Array.from(tr.querySelectorAll('th, td')).map(
            (cell) => cell.textContent?.trim() ?? '',
          );
          return [handled, resolved, sent].every((i) => /^0(\s|$)/.test(cells[i as number] ?? ''));
        }),
      [column('Atendidos'), column('Resolvidos'), column('Mensagens')],
    );
    expect(idle.some(Boolean)).toBe(true);
    expect(idle.slice(idle.indexOf(true)).every(Boolean)).toBe(true);
    await page.getByTestId('trend-chart').waitFor();
    await page.getByTestId('activity-heatmap').waitFor();
    await screenshot(page, '05-agents');

    // The table as a file for Excel in Portuguese: one row per agent, the same numbers.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-agents-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^radar-desempenho-.*\.csv$/);
    const csv = fs.readFileSync((await download.path()) as string, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('Atendente;Atendimentos com resposta');
    for (const [agentId, expected] of Object.entries(whole.agents)) {
      const name = scenario.expected.agentNames[agentId] as string;
      const line = lines.find((l) => l.split(';')[1]?.startsWith(name));
      expect(line?.split(';')[2], name).toBe(String(expected.conversationsHandled));
    }

    // One sector: every figure of the page narrows to it, the sector's row of "Por setor".
    const { sectorMetrics } = await (
      await fetch(`${radar.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({
          query: `{ sectorMetrics(from: "${whole.from}", to: "${whole.to}") { sector { id name } conversationsStarted } }`,
        }),
      })
    )
      .json()
      .then((body: any) => body.data);
    const sector = sectorMetrics.find((row: any) => row.sector && row.conversationsStarted > 0);
    const started = page.getByTestId('team-summary').locator('.counter').first().locator('dd').first();
    const everySector = await started.textContent();
    await page.getByTestId('sector-filter').selectOption({ label: sector.sector.name });
    expect(new URL(page.url()).searchParams.get('sector')).toBe(sector.sector.id);
    await expect.poll(() => started.textContent()).toBe(String(sector.conversationsStarted));
    await page.getByTestId('sector-filter').selectOption({ label: 'Todos os setores' });
    await expect.poll(() => started.textContent()).toBe(everySector);

    await page.setViewportSize({ width: 390, height: 844 });
    for (const [name, path] of [
      ['06-live-phone', '/'],
      ['07-conversations-phone', '/conversations'],
      ['08-agents-phone', `/agents?period=custom&from=${days(whole.from)}&to=${to}`],
    ] as const) {
      await page.goto(`${radar.url}${path}`);
      await page.getByTestId('connection-status').waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, name);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, name).toBeLessThanOrEqual(390);
    }
  });

  it('ends a session at once when its token is revoked, saying "Sessão encerrada"', async () => {
    const admin = (query: string, variables: Record<string, unknown> = {}) =>
      fetch(`${radar.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<{ data: Record<string, any> }>);
    const created = await admin(
      'mutation { createAccessToken(name: "Supervisora", role: SUPERVISOR) { secret token { id } } }',
    );
    const { secret, token } = created.data.createAccessToken;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('button', { name: 'Sair' }).click();
    await login(page, radar.url, secret);
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-state'))
      .toBe('connected');
    const revokedAt = Date.now();
    await admin('mutation($id: ID!) { revokeAccessToken(id: $id) { revokedAt } }', { id: token.id });
    await page.getByText('Sessão encerrada').waitFor({ timeout: 5_000 });
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
    await screenshot(page, '09-session-ended');
    await login(page, radar.url);
  });

  it('runs under a Content-Security-Policy that allows only its own scripts, and cannot be framed', async () => {
    const response = await page.goto(`${radar.url}/`);
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    await page.getByTestId('connection-status').waitFor();
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-state'))
      .toBe('connected');
    // An injected inline script is refused by the browser; nothing the app itself does is.
    const injected = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(injected).toBe(false);
    await expect.poll(() => policyViolations.length).toBeGreaterThan(0);
    const fromTheApp = policyViolations.filter((text) => !/inline script/i.test(text));
    expect(fromTheApp).toEqual([]);
  });

  it('has no accessibility violation of serious or critical impact on any page (axe-core), on desktop and phone', async () => {
    const found: string[] = [];
    const check = async (name: string) => {
      await page.waitForLoadState('networkidle');
      for (const violation of await seriousAxeViolations(page)) found.push(`${name}: ${violation}`);
    };
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 400 ? 900 : 844 });
      for (const path of ['/', '/conversations', '/agents?period=30d', '/settings']) {
        await page.goto(`${radar.url}${path}`);
        await page.getByTestId('connection-status').waitFor();
        await check(`${path} at ${width} px`);
      }
      await page.goto(`${radar.url}/conversations`);
      await page.getByTestId('conversation-row').first().getByRole('link').click();
      await page.getByTestId('cycles').waitFor();
      await check(`a conversation at ${width} px`);
    }
    await page.goto(`${radar.url}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    await check('GraphiQL');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${radar.url}/`);
    await page.getByTestId('connection-status').waitFor();
    await page.getByRole('button', { name: 'Sair' }).click();
    await page.getByLabel('Token de acesso').waitFor();
    await check('login');
    expect(found).toEqual([]);
  });
});
