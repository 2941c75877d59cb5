import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationEvents, recordEvents } from '../api/test/conversation-events.js';
import type { RadarProcess } from '../api/test/process.js';
import {
  adminGraphql as graphql,
  launchBrowser,
  login,
  screenshot,
  seriousAxeViolations,
  startRadar,
} from './support.js';

// Service levels as a supervisor meets them: an admin sets business hours, a holiday and a 6 s
// SLA in "Configurações"; "Tempo real" then counts down an unanswered customer, puts it first
// once at risk and breached, and counts it; "Desempenho" shows hit rates and ratings.

describe('service levels in Chromium', () => {
  let radar: RadarProcess;
  let browser: Browser;
  let page: Page;
  const year = new Date().getFullYear();
  let policyFrom = 0;

  beforeAll(async () => {
    radar = await startRadar();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'pt-BR' });
  });
  afterAll(async () => {
    await browser?.close();
    radar?.child.kill('SIGTERM');
    await radar?.exited();
  });

  it('an admin sets the business hours, a holiday and an SLA policy in Configurações', async () => {
    await login(page, radar.url);
    await page.getByRole('link', { name: 'Configurações' }).click();
    await page.getByRole('heading', { name: 'Horário comercial' }).waitFor();

    for (const day of ['Segunda', 'Terça', 'Quarta', 'Quinta', 'Sexta']) {
      await page.getByLabel(day, { exact: true }).fill('08:00-12:00, 13:00-18:00');
    }
    await page.getByLabel('Domingo', { exact: true }).fill('');
    await page.getByLabel('Sábado', { exact: true }).fill('9h-13h');
    await page.getByRole('button', { name: 'Salvar horário' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Sábado');
    await page.getByLabel('Sábado', { exact: true }).fill('09:00-13:00');
    await page.getByRole('button', { name: 'Salvar horário' }).click();
    await page.getByTestId('business-hours-form').getByText('Salvo.').waitFor();

    await page.getByLabel('Data', { exact: true }).fill(`25/12/${year}`);
    await page.getByLabel('Nome do feriado').fill('Natal');
    await page.getByRole('button', { name: 'Adicionar feriado' }).click();
    await page.getByTestId('holidays').getByText('Natal').waitFor();

    // 0.1 min: a 6 s first-response target.
    await page.getByLabel('1ª resposta (min)').fill('0.1');
    await page.getByLabel('Demais respostas (min)').fill('0.1');
    await page.getByRole('button', { name: 'Salvar metas' }).click();
    await page.getByTestId('sla-form').getByText('Salvo.').waitFor();
    await page.getByText('Versão 1, desde').waitFor();
    await screenshot(page, '20-settings');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const stored = await graphql(
      radar.url,
      `query($year: Int!) { businessHours { organization { week { weekday intervals { start end } } } }
        holidays(year: $year) { date name } slaPolicies { version firstResponseSeconds clock effectiveFrom } }`,
      { year },
    );
    expect(stored.businessHours.organization.week[0]).toEqual({
      weekday: 'MONDAY',
      intervals: [
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
      ],
    });
    expect(stored.businessHours.organization.week[6]).toEqual({ weekday: 'SUNDAY', intervals: [] });
    expect(stored.holidays).toEqual([{ date: `${year}-12-25`, name: 'Natal' }]);
    expect(stored.slaPolicies).toEqual([
      { version: 1, firstResponseSeconds: 6, clock: 'CALENDAR', effectiveFrom: expect.any(String) },
    ]);
    policyFrom = Date.parse(stored.slaPolicies[0].effectiveFrom);
  });

  it('Tempo real counts down an unanswered customer, puts it first at risk and breached, and counts it', async () => {
    // Both conversations start under the policy (a sample is judged by the version in force then).
    while (Date.now() < policyFrom + 1600) await new Promise((resolve) => setTimeout(resolve, 100));
    const now = Date.now();
    await graphql(radar.url, recordEvents, {
      inputs: [
        ...conversationEvents(
          'chat-calm',
          now - 1500,
          [
            { at: 0, customer: 'Oi' },
            { at: 1, agent: 'agent-ana', text: 'Oi! Como posso ajudar?' },
          ],
          { assignee: 'agent-ana' },
        ),
        ...conversationEvents('chat-late', now, [{ at: 0, customer: 'Preciso de ajuda urgente' }], {
          assignee: 'agent-ana',
        }),
      ],
    });
    await page.getByRole('link', { name: 'Tempo real' }).click();
    const late = page.locator('[data-testid="open-conversation"][data-sla]').filter({ hasText: 'urgente' });
    await late.getByTestId('sla-badge').waitFor();
    expect(await late.getByTestId('sla-badge').textContent()).toMatch(/SLA 1ª resposta vence em \d s/);

    await expect.poll(() => late.getAttribute('data-sla'), { timeout: 8_000 }).toBe('AT_RISK');
    await expect.poll(() => late.getAttribute('data-sla'), { timeout: 4_000 }).toBe('BREACHED');
    expect(await late.getByTestId('sla-badge').textContent()).toContain('estourado há');
    await expect.poll(() => page.getByTestId('counter-slaBreached').locator('dd').textContent()).toBe('1');
    // Breached first, whatever the waits.
    await expect
      .poll(() => page.getByTestId('open-conversation').first().getAttribute('data-sla'), { timeout: 6_000 })
      .toBe('BREACHED');
    await screenshot(page, '21-live-sla');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('Desempenho shows SLA hit rates, the queue, the agent part of first responses and the rating bands, on either clock', async () => {
    await page.getByRole('link', { name: 'Desempenho' }).click();
    const panel = page.getByTestId('sla-panel');
    await panel.waitFor();
    // chat-calm: first response 1 s (met); chat-late has no reply yet.
    await expect.poll(() => panel.getByTestId('sla-rate').first().textContent()).toContain('1 de 1');
    await expect.poll(() => page.getByTestId('rating-band').first().textContent()).toContain('Excelente');
    await page.getByTestId('clock-business').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('clock')).toBe('business');
    await panel.waitFor();
    await expect.poll(() => page.getByTestId('clock-business').getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, '22-performance-sla');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('Desempenho updates itself when data lands, compares with the period before and says how it counts', async () => {
    const started = page
      .getByTestId('team-summary')
      .locator('.counter')
      .filter({ hasText: 'Atendimentos iniciados' });
    const value = () => started.locator('dd').first().textContent();
    const before = Number(await value());
    expect(before).toBeGreaterThanOrEqual(2);
    // Nothing in the 7 days before: nothing to compare with.
    expect(await started.locator('.change').textContent()).toBe('sem comparação');

    // One conversation 8 days ago (the period before) and one now: the page shows both by itself.
    const now = Date.now();
    await graphql(radar.url, recordEvents, {
      inputs: [
        ...conversationEvents('chat-last-week', now - 8 * 86_400_000, [
          { at: 0, customer: 'Semana passada' },
        ]),
        ...conversationEvents('chat-new', now, [{ at: 0, customer: 'Chegou agora' }]),
      ],
    });
    await expect.poll(value, { timeout: 15_000 }).toBe(String(before + 1));
    await expect
      .poll(() => started.locator('.change').textContent(), { timeout: 10_000 })
      .toMatch(new RegExp(`▲ \\+${before * 100} %`));

    await page.getByText('Como calculamos').click();
    await page.getByText(/Resolvidos: atendimentos encerrados no período/).waitFor();
    await screenshot(page, '25-performance-compare');
  });

  it('Tempo real filters by sector, agent and situation, and pages a day of 200 open conversations', async () => {
    const now = Date.now();
    await graphql(radar.url, recordEvents, {
      inputs: conversationEvents('chat-vendas', now, [{ at: 0, customer: 'Quero comprar' }], {
        sector: { externalId: 'sector-vendas', name: 'Vendas' },
        assignee: 'agent-ana',
      }),
    });
    await page.getByRole('link', { name: 'Tempo real' }).click();
    const rows = page.getByTestId('open-conversation');
    const filters = page.getByTestId('live-filters');
    await expect.poll(() => rows.count()).toBe(5);

    await filters.getByLabel('Setor', { exact: true }).selectOption({ label: 'Vendas' });
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Quero comprar');
    expect(await page.getByTestId('live-shown').textContent()).toContain(
      'Mostrando 1 de 1 com estes filtros, 5 conversas abertas',
    );
    expect(new URL(page.url()).searchParams.get('setor')).not.toBeNull();

    await filters.getByLabel('Setor', { exact: true }).selectOption('');
    await filters.getByLabel('Agente', { exact: true }).selectOption({ label: 'Sem agente' });
    await expect.poll(() => rows.count()).toBe(2);
    await filters.getByLabel('Situação', { exact: true }).selectOption({ label: 'Na fila' });
    await expect.poll(() => rows.count()).toBe(2);
    await filters.getByLabel('Agente', { exact: true }).selectOption('');
    await filters.getByLabel('Situação', { exact: true }).selectOption('');
    await expect.poll(() => rows.count()).toBe(5);

    // A busy day: 200 more, each with a customer waiting.
    const inputs = Array.from({ length: 200 }, (_, i) =>
      conversationEvents(`chat-busy-${i}`, now - (i + 1) * 60_000, [{ at: 0, customer: `Cliente ${i}` }]),
    ).flat();
    await graphql(radar.url, recordEvents, { inputs });
    await expect
      .poll(() => page.getByTestId('open-conversations-count').textContent(), { timeout: 10_000 })
      .toBe('205');
    await expect.poll(() => rows.count()).toBe(30);
    await filters.getByLabel('Linhas compactas', { exact: true }).check();
    await page.getByTestId('live-show-more').click();
    await expect.poll(() => rows.count()).toBe(60);
    // Pushed live, all 205 are here; loaded afresh, the 100 most urgent: breached service levels
    // first (the server ranks them: neither is among the 100 longest waits), then the longest waits.
    expect(await page.getByTestId('live-shown').textContent()).toContain(
      'Mostrando 60 de 205 conversas abertas.',
    );
    await screenshot(page, '26-live-busy-compact');
    await page.reload();
    await expect
      .poll(() => page.getByTestId('live-shown').textContent())
      .toContain('Mostrando 30 de 205 conversas abertas (as 100 mais urgentes');
    const head = async () => {
      const states = await rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-sla')));
      const threatened = states.findIndex((state) => state !== 'BREACHED' && state !== 'AT_RISK');
      return {
        first: (await rows.nth(0).textContent())?.includes('urgente'),
        threatened: threatened > 0,
        longestWaitNext: (await rows.nth(threatened).textContent())?.includes('Semana passada'),
      };
    };
    await expect.poll(head).toEqual({ first: true, threatened: true, longestWaitNext: true });
    await filters.getByLabel('Linhas compactas', { exact: true }).uncheck();
  });

  it('fits a phone: Configurações, Tempo real and Desempenho without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      ['/settings', '23-settings-phone'],
      ['/', '24-live-sla-phone'],
      ['/agents', '27-performance-phone'],
    ] as const) {
      await page.goto(`${radar.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await screenshot(page, name);
    }
    // The agents' table scrolls inside its panel, the agent's name kept in view.
    const table = page.getByRole('region', { name: 'Desempenho por agente' });
    const firstCell = () =>
      page
        .getByTestId('agent-metrics-table')
        .locator('tbody tr')
        .first()
        .locator(':scope > *')
        .first()
        .boundingBox();
    const before = await firstCell();
    await table.evaluate((element) => {
      element.scrollLeft = 500;
    });
    expect(await table.evaluate((element) => element.scrollLeft)).toBeGreaterThan(100);
    const after = await firstCell();
    expect(Math.abs((after?.x ?? -1) - (before?.x ?? 0))).toBeLessThan(1);
  });
});
