import { expect, it } from 'vitest';
import WebSocket from 'ws';
import { collect, httpGraphQL, wsClient } from '../test/clients.js';
import { describeEachDatabase } from '../test/databases.js';
import { adminToken, serveForSuite } from '../test/harness.js';
import { CLOSE_SESSION_ENDED, CLOSE_TOO_MANY, SESSION_ENDED_REASON } from './live-access.js';

/** A raw graphql-ws socket: its close code and reason, once closed. */
function openSocket(url: string, token: string) {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const acked = new Promise<boolean>((resolve) => {
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    socket.on('message', (data) => resolve(JSON.parse(String(data)).type === 'connection_ack'));
    socket.on('close', () => resolve(false));
  });
  return { socket, closed, acked };
}

describeEachDatabase('access follows the token on open WebSockets', (kind) => {
  const server = serveForSuite(kind, { MAX_WEBSOCKETS: '3' });

  it('revoking a token closes its sockets within 5 s with "Sessão encerrada"; other tokens stay', async () => {
    const created = await httpGraphQL(
      server.radar.url,
      adminToken,
      'mutation { createAccessToken(name: "TV da parede", role: SUPERVISOR) { secret token { id } } }',
    );
    const { secret, token } = created.data.createAccessToken;
    const tv = openSocket(server.radar.url, secret);
    expect(await tv.acked).toBe(true);
    const admin = wsClient(server.radar.url, adminToken);
    const live = collect(admin, 'subscription { liveOverview { queued } }');
    await live.next(1);

    const revokedAt = Date.now();
    const revoked = await httpGraphQL(
      server.radar.url,
      adminToken,
      'mutation($id: ID!) { revokeAccessToken(id: $id) { revokedAt } }',
      {
        id: token.id,
      },
    );
    expect(revoked.errors).toBeUndefined();
    const closed = await tv.closed;
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
    expect(closed).toEqual({ code: CLOSE_SESSION_ENDED, reason: SESSION_ENDED_REASON });
    expect(SESSION_ENDED_REASON).toMatch(/^Sessão encerrada/);
    const stillThere = await httpGraphQL(server.radar.url, adminToken, '{ viewer { role } }');
    expect(stillThere.status).toBe(200);
    live.stop();
    await admin.dispose();
  });

  it('a token whose role changed is closed at the next check, whoever changed it', async () => {
    const created = await httpGraphQL(
      server.radar.url,
      adminToken,
      'mutation { createAccessToken(name: "Painel", role: ADMIN) { secret token { id } } }',
    );
    const { secret, token } = created.data.createAccessToken;
    const panel = openSocket(server.radar.url, secret);
    expect(await panel.acked).toBe(true);
    const id = Number(Buffer.from(token.id, 'base64').toString().split(':')[1]);
    const changedAt = Date.now();
    await server.db.prisma.accessToken.update({ where: { id }, data: { role: 'INTEGRATOR' } });
    expect((await panel.closed).code).toBe(CLOSE_SESSION_ENDED);
    expect(Date.now() - changedAt).toBeLessThan(5_000);
  });

  it('refuses sockets past the instance cap with a clear reason', async () => {
    const open = [
      openSocket(server.radar.url, adminToken),
      openSocket(server.radar.url, adminToken),
      openSocket(server.radar.url, adminToken),
    ];
    expect(await Promise.all(open.map((s) => s.acked))).toEqual([true, true, true]);
    const extra = openSocket(server.radar.url, adminToken);
    expect(await extra.acked).toBe(false);
    expect(await extra.closed).toEqual({
      code: CLOSE_TOO_MANY,
      reason: 'This instance holds its cap of 3 WebSockets',
    });
    for (const { socket } of open) socket.close();
    await Promise.all(open.map((s) => s.closed));
  });
});
