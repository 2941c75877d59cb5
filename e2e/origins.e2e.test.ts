import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationEvents, recordEvents } from '../api/test/conversation-events.js';
import type { RadarProcess } from '../api/test/process.js';
import { exampleEvents } from '../api/test/scenario-data.js';
import {
  adminGraphql as graphql,
  launchBrowser,
  login,
  postWebhook,
  screenshot,
  seriousAxeViolations,
  startRadar,
} from './support.js';

// Origins as a supervisor meets them: a customer arrives from an ad (Umbler's webhook with `Ad`),
// another from the website (an admin's first-message rule in "Configurações"); "Conversas" shows
// and filters the origin, the conversation shows each cycle's, "Desempenho" splits by origin.

describe('origins in Chromium', () => {
  let radar: RadarProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    radar = await startRadar();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'pt-BR' });
    const body = JSON.parse(exampleEvents().get('Message-Contact.json') as string);
    body.Payload.Content.LastMessage.Ad = { Title: 'Promo de março', SourceUrl: 'https://fb.me/promo' };
    expect((await postWebhook(radar.url, body)).status).toBe(202);
    const start = Date.parse('2026-03-03T10:00:00-03:00');
    await graphql(radar.url, recordEvents, {
      inputs: [
        ...conversationEvents('chat-site', start, [
          { at: 0, customer: 'Olá, vim pelo site e quero um orçamento' },
          { at: 60, agent: 'agent-ana', text: 'Olá! Já envio.' },
        ]),
        ...conversationEvents('chat-direct', start, [{ at: 120, customer: 'Bom dia' }]),
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    radar?.child.kill('SIGTERM');
    await radar?.exited();
  });

  it('an admin adds a first-message rule in Configurações, and the history follows it', async () => {
    await login(page, radar.url);
    await page.getByRole('link', { name: 'Configurações' }).click();
    await page.getByRole('heading', { name: 'Regras de origem' }).waitFor();
    await page.getByLabel('Texto da primeira mensagem').fill('vim pelo site');
    await page.getByLabel('Nome da origem').fill('Site institucional');
    await page.getByRole('button', { name: 'Adicionar regra' }).click();
    await page.getByTestId('origin-rules').getByText('vim pelo site').waitFor();
    await screenshot(page, '40-settings-origin-rules');
    await expect
      .poll(
        async () =>
          (await graphql(radar.url, '{ conversations(filter: { origins: [WEBSITE] }) { totalCount } }'))
            .conversations.totalCount,
      )
      .toBe(1);
  });

  it('Conversas shows and filters the origin; the conversation shows its ad', async () => {
    await page.getByRole('link', { name: 'Conversas' }).click();
    await expect.poll(() => page.getByTestId('conversation-row').count()).toBe(3);
    const origins = await page.getByTestId('conversation-origin').allTextContents();
    expect(origins.sort()).toEqual(['Anúncio · Promo de março', 'Direto', 'Site · Site institucional']);
    // Dates are typed day first, whatever the browser's language.
    await page.getByLabel('Data inicial').pressSequentially('03032026');
    await expect.poll(() => page.getByLabel('Data inicial').inputValue()).toBe('03/03/2026');
    await expect.poll(() => page.getByTestId('conversation-row').count()).toBe(2);
    expect(new URL(page.url()).searchParams.get('from')).toBe('2026-03-03');
    await page.getByLabel('Data inicial').fill('');
    await expect.poll(() => page.getByTestId('conversation-row').count()).toBe(3);
    await page.getByLabel('Origem').selectOption({ label: 'Anúncio' });
    await expect.poll(() => page.getByTestId('conversation-row').count()).toBe(1);
    expect(page.url()).toContain('origin=AD');
    await screenshot(page, '41-conversations-origin');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId('conversation-row').getByRole('link').click();
    await expect
      .poll(() => page.getByTestId('cycle-origin').first().textContent())
      .toBe('Origem: Anúncio · Promo de março (https://fb.me/promo)');
  });

  it('Desempenho splits the team by sector and by origin', async () => {
    await page.goto(`${radar.url}/agents?period=custom&from=2026-03-01&to=2026-03-31`);
    const groups = page.getByTestId('group-metrics');
    await groups.getByTestId('sector-metrics-table').waitFor();
    await groups.getByTestId('group-by-origin').click();
    const table = groups.getByTestId('origin-metrics-table');
    await table.waitFor();
    const rows = await table.getByTestId('group-row').allTextContents();
    expect(rows).toHaveLength(4);
    const row = (label: string) => rows.find((text) => text.startsWith(label)) ?? '';
    // One cycle each; the website customer was answered in 1 min.
    expect(row('Anúncio')).toMatch(/^Anúncio1/);
    expect(row('Site')).toMatch(/^Site1.*1 min/);
    expect(row('Direto')).toMatch(/^Direto1/);
    expect(rows.at(-1)).toMatch(/^Outra0/);
    await screenshot(page, '42-agents-by-origin');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
