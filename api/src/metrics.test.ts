import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test/databases.js';
import { adminToken, serveForSuite, webhookToken } from '../test/harness.js';
import { exampleEvents } from '../test/scenario-data.js';
import { waitForDrain } from '../test/webhook-support.js';
import { deliver, webhookUrl } from '../tools/simulator/deliver.js';

const metricsToken = 'metrics-token-0123456789';

describeEachDatabase('GET /metrics', (kind) => {
  const server = serveForSuite(kind, { METRICS_TOKEN: metricsToken });

  const scrape = (token: string | null) =>
    fetch(`${server.radar.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers only the admin token or METRICS_TOKEN', async () => {
    for (const token of [null, webhookToken, 'wrong-token-0123456789']) {
      expect((await scrape(token)).status).toBe(401);
    }
    for (const token of [adminToken, metricsToken]) expect((await scrape(token)).status).toBe(200);
  });

  it('counts deliveries by outcome, batches, the backlog and HTTP latency in Prometheus format', async () => {
    const url = webhookUrl(server.radar.url, webhookToken);
    const body = exampleEvents().get('Message-Contact.json') as string;
    expect((await deliver(url, body)).status).toBe(202);
    expect((await deliver(url, body)).status).toBe(200);
    expect((await deliver(url, '{"broken"')).status).toBe(400);
    await waitForDrain(server.db);
    const response = await scrape(metricsToken);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1]);
    expect(value(/^radar_webhook_deliveries_total\{outcome="accepted"\} (\d+)$/m)).toBe(1);
    expect(value(/^radar_webhook_deliveries_total\{outcome="duplicate"\} (\d+)$/m)).toBe(1);
    expect(value(/^radar_webhook_deliveries_total\{outcome="rejected"\} (\d+)$/m)).toBe(1);
    expect(value(/^radar_ingest_events_total\{status="done"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^radar_ingest_batch_duration_seconds_count (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^radar_ingest_backlog_events (\d+)$/m)).toBe(0);
    expect(value(/^radar_ingest_oldest_pending_seconds (\d+)$/m)).toBe(0);
    expect(text).toMatch(
      /^radar_http_request_duration_seconds_bucket\{le="[\d.]+",method="POST",route="\/api\/webhook\/umbler",status="202"\} \d+$/m,
    );
    expect(text).toMatch(/^radar_websockets_open \d+$/m);
    expect(text).toMatch(/^radar_process_cpu_seconds_total /m);
  });

  it('compresses what it serves', async () => {
    const response = await fetch(`${server.radar.url}/metrics`, {
      headers: { authorization: `Bearer ${metricsToken}`, 'accept-encoding': 'gzip' },
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });
});
