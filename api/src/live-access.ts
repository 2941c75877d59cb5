import type { WebSocket } from 'ws';
import type { Viewer } from './auth.js';
import type { Database } from './db/client.js';
import type { Logger } from './logger.js';
import type { PubSub } from './pubsub.js';

/** Closes a socket whose token was revoked or whose role changed; the dashboard shows "Sessão encerrada". */
export const CLOSE_SESSION_ENDED = 4401;
export const SESSION_ENDED_REASON = 'Sessão encerrada: o token foi revogado ou mudou de papel';
/** WebSocket's "try again later": clients reconnect with backoff. */
export const CLOSE_TRY_AGAIN = 1013;
/** Refuses a socket past the instance's cap. */
export const CLOSE_TOO_MANY = CLOSE_TRY_AGAIN;

/** Every stored token is checked again this often, so a change made anywhere applies within 5 s. */
const SWEEP_MS = 2_000;

export interface LiveAccess {
  /** Registers an authenticated socket; false when the instance already holds its cap. */
  admit(socket: WebSocket, viewer: Viewer): boolean;
  forget(socket: WebSocket): void;
  readonly open: number;
  close(): void;
}

/**
 * Access follows the token while a WebSocket stays open: revoking a token (or changing its role)
 * closes its sockets, at once on this instance and every other (a published change), and at the
 * next sweep whatever changed it.
 */
export function createLiveAccess(deps: {
  db: Database;
  pubsub: PubSub;
  logger: Logger;
  maxSockets: number;
}): LiveAccess {
  const sockets = new Map<WebSocket, Viewer>();
  let sweeping: Promise<void> | null = null;

  const sweep = () => {
    sweeping ??= check().finally(() => {
      sweeping = null;
    });
    return sweeping;
  };

  async function check() {
    const ids = [
      ...new Set([...sockets.values()].map((v) => v.tokenId).filter((id): id is number => id !== null)),
    ];
    if (ids.length === 0) return;
    const tokens = await deps.db.prisma.accessToken.findMany({
      where: { id: { in: ids } },
      select: { id: true, role: true, revokedAt: true },
    });
    const current = new Map(tokens.map((token) => [token.id, token]));
    for (const [socket, viewer] of sockets) {
      if (viewer.tokenId === null) continue;
      const token = current.get(viewer.tokenId);
      if (token && !token.revokedAt && token.role === viewer.role) continue;
      deps.logger.info({ tokenId: viewer.tokenId }, 'closing a WebSocket whose token no longer allows it');
      sockets.delete(socket);
      socket.close(CLOSE_SESSION_ENDED, SESSION_ENDED_REASON);
    }
  }

  const timer = setInterval(() => void sweep().catch(() => {}), SWEEP_MS);
  timer.unref();
  const stop = new AbortController();
  void (async () => {
    for await (const _ of deps.pubsub.subscribe('accessTokenChanged', stop.signal)) {
      await sweep().catch(() => {});
    }
  })().catch(() => {});

  return {
    admit(socket, viewer) {
      if (sockets.size >= deps.maxSockets) return false;
      sockets.set(socket, viewer);
      return true;
    },
    forget(socket) {
      sockets.delete(socket);
    },
    get open() {
      return sockets.size;
    },
    close() {
      clearInterval(timer);
      stop.abort();
    },
  };
}
