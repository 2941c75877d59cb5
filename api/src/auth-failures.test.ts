import { expect, it } from 'vitest';
import { collect, httpGraphQL, wsClient } from '../test/clients.js';
import { describeEachDatabase } from '../test/databases.js';
import { adminToken, serveForSuite, webhookToken } from '../test/harness.js';
import { exampleEvents } from '../test/scenario-data.js';
import { deliver, webhookUrl } from '../tools/simulator/deliver.js';
import { MAX_WRONG_TOKENS_PER_MINUTE } from './auth-failures.js';

describeEachDatabase('wrong tokens', (kind) => {
  const server = serveForSuite(kind);

  it('get 429 with Retry-After past 100 a minute from one address, webhook and API, while right tokens still work', async () => {
    const body = exampleEvents().get('NewChat.json') as string;
    const wrongHook = webhookUrl(server.radar.url, 'wrong-webhook-token-000');
    const statuses: number[] = [];
    for (let i = 0; i < MAX_WRONG_TOKENS_PER_MINUTE + 5; i++) {
      const wrongWebhook = i % 2 === 0;
      const status = wrongWebhook
        ? (await deliver(wrongHook, body)).status
        : (await httpGraphQL(server.radar.url, `wrong-api-token-${i}`, '{ viewer { name } }')).status;
      statuses.push(status);
    }
    expect(statuses.slice(0, MAX_WRONG_TOKENS_PER_MINUTE)).toEqual(
      Array(MAX_WRONG_TOKENS_PER_MINUTE).fill(401),
    );
    expect(statuses.slice(MAX_WRONG_TOKENS_PER_MINUTE)).toEqual(Array(5).fill(429));

    const hook = await fetch(wrongHook, { method: 'POST', body });
    expect(hook.status).toBe(429);
    expect(Number(hook.headers.get('retry-after'))).toBeGreaterThan(0);
    const api = await fetch(`${server.radar.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' },
      body: JSON.stringify({ query: '{ viewer { name } }' }),
    });
    expect(api.status).toBe(429);
    expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      ((await api.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('RATE_LIMITED');
    const refused = wsClient(server.radar.url, 'wrong-ws-token');
    const error = (await collect(refused, 'subscription { liveOverview { queued } }').error) as {
      code?: number;
    };
    expect(error.code).toBe(4429);
    await refused.dispose();

    expect((await deliver(webhookUrl(server.radar.url, webhookToken), body)).status).toBeLessThan(300);
    expect((await httpGraphQL(server.radar.url, adminToken, '{ viewer { name } }')).status).toBe(200);
  });

  it('accepts the webhook token in an X-Webhook-Token header too', async () => {
    const body = JSON.parse(exampleEvents().get('NewChat.json') as string);
    body.EventId = 'header-token-0001';
    const answer = await fetch(`${server.radar.url}/api/webhook/umbler`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-token': webhookToken },
      body: JSON.stringify(body),
    });
    expect(answer.status).toBe(202);
  });

  it("never stores the legacy form body's account token", async () => {
    const legacy = exampleEvents().get('legacy-form-encoded.txt') as string;
    expect(legacy).toMatch(/token=/);
    const answer = await deliver(webhookUrl(server.radar.url, webhookToken), legacy, {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(answer.status).toBe(415);
    const stored = await server.db.prisma.webhookEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(stored.rawBody).toContain('token=[redacted]');
    const secret = /token=([^&]+)/.exec(legacy)?.[1] as string;
    expect(stored.rawBody).not.toContain(secret);
    expect(stored.rawBody.replace('token=[redacted]', `token=${secret}`)).toBe(legacy);
  });
});
