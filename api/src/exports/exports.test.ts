import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.js';
import { adminToken, runOk, serveForSuite } from '../../test/harness.js';
import { type ExpectedScenario, loadScenario } from '../../test/scenario-data.js';
import { parseUmblerWebhook } from '../domain/umbler.js';
import { type IngestInput, ingest } from '../ingest/service.js';

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold separators, quotes and line breaks. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

type Period = ExpectedScenario['periods'][number];
interface Counted {
  count: number;
}
interface Totals {
  conversationsStarted: number;
  responseTime: Counted;
  firstResponseTime: Counted;
  resolutionTime: Counted;
}
const totals = (p: Period) => p.totals as unknown as Totals;
const agentsOf = (p: Period) =>
  p.agents as unknown as Record<
    string,
    { name: string; conversationsHandled: number; responseTime: Counted }
  >;

describeEachDatabase('exports', (kind) => {
  const server = serveForSuite(kind);
  let expected: ExpectedScenario;

  beforeAll(async () => {
    const scenario = loadScenario('two-days');
    expected = scenario.expected;
    const inputs: IngestInput[] = [];
    for (const { body } of scenario.deliveries) {
      const parsed = parseUmblerWebhook(body);
      if (parsed.kind === 'event') inputs.push({ key: parsed.eventId, fact: parsed.fact });
    }
    for (let i = 0; i < inputs.length; i += 200) await ingest(server.radar.app, inputs.slice(i, i + 200));
  });

  const get = (path: string, token: string | null = adminToken) =>
    fetch(`${server.radar.url}/api/exports/${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  /** The bytes as sent: `Response.text()` would drop the BOM that tells Excel the file is UTF-8. */
  const brazilText = async (path: string) =>
    new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await get(path)).arrayBuffer());
  const range = (p: { from: string; to: string }) =>
    `from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`;

  it('has one row per cycle started in the period, for every period of expected.json, in all three formats', async () => {
    for (const p of expected.periods) {
      const started = totals(p).conversationsStarted;
      const plain = await get(`cycles.csv?${range(p)}`);
      expect(plain.status).toBe(200);
      expect(plain.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(plain.headers.get('content-disposition')).toMatch(
        /attachment; filename="radar-atendimentos-.*\.csv"/,
      );
      const rows = parseCsv(await plain.text(), ',');
      expect(rows[0]?.slice(0, 3)).toEqual(['conversation_id', 'chat_id', 'cycle']);
      expect(rows.length - 1).toBe(started);

      const brazil = await brazilText(`cycles.csv?${range(p)}&dialect=excel-br`);
      expect(brazil.startsWith('\uFEFF')).toBe(true);
      const brRows = parseCsv(brazil.slice(1), ';');
      expect(brRows[0]?.[0]).toBe('ID da conversa (Radar)');
      expect(brRows.length - 1).toBe(started);

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await (await get(`cycles.xlsx?${range(p)}`)).arrayBuffer());
      const sheet = workbook.getWorksheet('Atendimentos');
      expect(sheet?.actualRowCount).toBe(started + 1);
    }
  });

  it('carries the same figures as the metrics: first responses, replies and resolutions of the whole scenario', async () => {
    const whole = expected.periods[0] as Period;
    const rows = parseCsv(await (await get(`cycles.csv?${range(whole)}`)).text(), ',');
    const header = rows[0] as string[];
    const column = (key: string) => rows.slice(1).map((row) => row[header.indexOf(key)] as string);
    const filled = (key: string) => column(key).filter((value) => value !== '').length;
    expect(filled('first_response_seconds')).toBe(totals(whole).firstResponseTime.count);
    expect(filled('resolution_seconds')).toBe(totals(whole).resolutionTime.count);
    expect(column('responses').reduce((sum, n) => sum + Number(n), 0)).toBe(totals(whole).responseTime.count);
    // Resolution equals close minus open, both written in the organization's zone.
    for (const row of rows.slice(1)) {
      const closed = row[header.indexOf('closed_at')] as string;
      const opened = row[header.indexOf('opened_at')] as string;
      expect(opened).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      if (closed === '') continue;
      const seconds = (Date.parse(`${closed}Z`) - Date.parse(`${opened}Z`)) / 1000;
      expect(Math.abs(seconds - Number(row[header.indexOf('resolution_seconds')]))).toBeLessThanOrEqual(1);
    }
    // Phones are masked; the decimal comma of the pt-BR dialect.
    expect(column('contact_phone').every((phone) => phone === '' || phone.includes('*'))).toBe(true);
    const brazil = parseCsv((await brazilText(`cycles.csv?${range(whole)}&dialect=excel-br`)).slice(1), ';');
    const mean = brazil[0]?.indexOf('Tempo médio de resposta (s)') as number;
    expect(brazil.slice(1).some((row) => /^\d+,\d+$/.test(row[mean] as string))).toBe(true);
  });

  it('gives each cycle its origin and filters by it (no ad and no rule in this scenario: all direct)', async () => {
    const whole = expected.periods[0] as Period;
    const all = parseCsv(await (await get(`cycles.csv?${range(whole)}`)).text(), ',');
    const origin = (all[0] as string[]).indexOf('origin');
    expect(all.slice(1).every((row) => row[origin] === 'Direto')).toBe(true);
    const direct = parseCsv(await (await get(`cycles.csv?${range(whole)}&origins=direct`)).text(), ',');
    expect(direct.length).toBe(all.length);
    const ads = parseCsv(await (await get(`cycles.csv?${range(whole)}&origins=AD,WEBSITE`)).text(), ',');
    expect(ads.length).toBe(1);
    const bad = await get(`cycles.csv?${range(whole)}&origins=TV`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/origins/);
  });

  it('filters by sector like the conversation list: the sectors add up to the whole', async () => {
    const whole = expected.periods[0] as Period;
    const { sectors } = await runOk<{ sectors: { id: string; name: string }[] }>(
      server.radar.app,
      '{ sectors { id name } }',
    );
    expect(sectors.length).toBeGreaterThan(1);
    let sum = 0;
    for (const sector of sectors) {
      const rows = parseCsv(
        await (await get(`cycles.csv?${range(whole)}&sectorId=${sector.id}`)).text(),
        ',',
      );
      const header = rows[0] as string[];
      for (const row of rows.slice(1)) expect(row[header.indexOf('sector')]).toBe(sector.name);
      sum += rows.length - 1;
    }
    const all = parseCsv(await (await get(`cycles.csv?${range(whole)}`)).text(), ',');
    const unsectored = all
      .slice(1)
      .filter((row) => row[(all[0] as string[]).indexOf('sector')] === '').length;
    expect(sum + unsectored).toBe(totals(whole).conversationsStarted);
  });

  it('exports the per-agent table of Desempenho with the numbers of agentMetrics', async () => {
    const whole = expected.periods[0] as Period;
    const rows = parseCsv(await (await get(`agents.csv?${range(whole)}`)).text(), ',');
    const header = rows[0] as string[];
    for (const [externalId, agent] of Object.entries(agentsOf(whole))) {
      const row = rows.find((r) => r[header.indexOf('agent')]?.startsWith(agent.name)) as string[];
      expect(row, externalId).toBeDefined();
      expect(Number(row[header.indexOf('handled')])).toBe(agent.conversationsHandled);
      expect(Number(row[header.indexOf('response_count')])).toBe(agent.responseTime.count);
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await get(`agents.csv?${range(whole)}&format=xlsx`)).arrayBuffer());
    expect(workbook.getWorksheet('Desempenho')?.actualRowCount).toBe(rows.length);
  });

  it("narrows every figure of Desempenho to one sector: each sector's team figures are its sectorMetrics row", async () => {
    const whole = expected.periods[0] as Period;
    const args = `from: "${whole.from}", to: "${whole.to}"`;
    const figures =
      'conversationsStarted conversationsResolved messages { customer agent } responseTime { count median } firstResponseTime { count }';
    const data = await runOk<any>(
      server.radar.app,
      `{ sectorMetrics(${args}) { sector { id } ${figures} } }`,
    );
    let handled = 0;
    for (const row of data.sectorMetrics.filter((r: any) => r.sector)) {
      const one = await runOk<any>(
        server.radar.app,
        `query($id: ID!) {
          teamMetrics(${args}, sectorId: $id) { ${figures} }
          agentMetrics(${args}, sectorId: $id) { conversationsHandled }
          responseTimeDistribution(${args}, sectorId: $id) { count }
        }`,
        { id: row.sector.id },
      );
      const { sector, ...own } = row;
      expect(one.teamMetrics).toEqual(own);
      const binned = one.responseTimeDistribution.reduce((sum: number, bin: any) => sum + bin.count, 0);
      expect(binned).toBe(own.responseTime.count);
      const agents = parseCsv(
        await (await get(`agents.csv?${range(whole)}&sectorId=${sector.id}`)).text(),
        ',',
      );
      const column = (agents[0] as string[]).indexOf('handled');
      const exported = agents.slice(1).reduce((sum, r) => sum + Number(r[column]), 0);
      const listed = one.agentMetrics.reduce((sum: number, a: any) => sum + a.conversationsHandled, 0);
      expect(exported).toBe(listed);
      handled += listed;
    }
    expect(handled).toBeGreaterThan(0);
    expect((await get(`agents.csv?${range(whole)}&sectorId=bm9wZQ`)).status).toBe(400);
  });

  it('answers a failure before its first row as JSON, not as a file', async () => {
    const whole = expected.periods[0] as Period;
    await server.db.prisma.$executeRawUnsafe('ALTER TABLE cycles RENAME TO cycles_away');
    try {
      const failed = await get(`cycles.csv?${range(whole)}`);
      expect(failed.status).toBe(500);
      expect(failed.headers.get('content-type')).toMatch(/^application\/json/);
      expect(failed.headers.get('content-disposition')).toBeNull();
      expect((await failed.json()).error).toMatch(/export failed before its first row/);
    } finally {
      await server.db.prisma.$executeRawUnsafe('ALTER TABLE cycles_away RENAME TO cycles');
    }
    expect((await get(`cycles.csv?${range(whole)}`)).status).toBe(200);
  });

  it('refuses a missing token and a wrong period, saying what is wrong', async () => {
    const whole = expected.periods[0] as Period;
    expect((await get(`cycles.csv?${range(whole)}`, null)).status).toBe(401);
    const bad = await get('cycles.csv?from=ontem&to=2026-03-01T00:00:00Z');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/from: must be an ISO 8601/);
    const reversed = await get(
      `cycles.csv?from=${encodeURIComponent(whole.to)}&to=${encodeURIComponent(whole.from)}`,
    );
    expect(reversed.status).toBe(400);
    expect((await get(`cycles.csv?${range(whole)}&sectorId=bm9wZQ`)).status).toBe(400);
  });
});
