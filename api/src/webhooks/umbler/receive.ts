import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { hashToken, type InstanceSecrets, sameHash } from '../../auth.js';
import type { AuthFailures } from '../../auth-failures.js';
import type { App } from '../../context.js';
import { withoutNul } from '../../domain/facts.js';
import { isLegacyFormEncoded } from '../../domain/umbler.js';
import type { InboxStatus } from '../../generated/prisma/enums.js';
import type { Intake } from '../../ingest/intake.js';
import type { Parsed } from '../../ingest/sources.js';
import { parseUmbler } from '../../ingest/umbler.js';
import { loggableError } from '../../logger.js';
import type { Metrics } from '../../metrics.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

const INBOX_STATUS = {
  event: 'PENDING',
  ignored: 'IGNORED',
  malformed: 'FAILED',
  legacy: 'FAILED',
  invalid: 'FAILED',
} as const satisfies Record<Parsed['kind'], InboxStatus>;

const REJECTION_STATUS = { malformed: 400, legacy: 415, invalid: 422 };

/** A request the receiver cannot take, answered with its status and a JSON error. */
class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type WebhookReceiver = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * `POST ...?token=...`: keeps the raw body (in the inbox, or in the spool while the database
 * cannot take it), then answers at once; processing happens afterwards. Umbler pauses a webhook
 * after 100 failed deliveries a day, so only bodies that can never be processed get a 4xx, and an
 * outage of the database gets none. A plain `node:http` handler, ahead of Express: a burst's
 * deliveries pay for nothing but the token, the body, one parse and the inbox (measured: Express
 * and its body parser were a third of a delivery's cost).
 */
export function webhookReceiver(
  app: App,
  secrets: InstanceSecrets,
  failures: AuthFailures,
  intake: Intake,
  metrics?: Metrics,
): WebhookReceiver {
  const count = (outcome: string) => metrics?.deliveries.inc({ outcome });
  const { logger } = app;

  async function receive(req: IncomingMessage, res: ServerResponse) {
    if (!hasToken(req)) {
      const retryAfter = await failures.wrong(req.socket.remoteAddress ?? 'unknown');
      count(retryAfter === null ? 'unauthorized' : 'rate_limited');
      if (retryAfter !== null) {
        answer(res, 429, { error: `Too many wrong tokens from this address; retry in ${retryAfter} s.` }, [
          'Retry-After',
          String(retryAfter),
        ]);
        return;
      }
      answer(res, 401, {
        error:
          'A valid webhook token is required: register the URL with ?token=..., or send X-Webhook-Token.',
      });
      return;
    }
    // Raw bytes, whatever the content type says: the body is stored exactly as received.
    const received = decode(await readBody(req));
    // A form body (the legacy uTalk format) carries the customer's account token: never stored.
    const rawBody = isLegacyFormEncoded(received) ? redactFormSecrets(received) : received;
    const parsed = parseUmbler(rawBody);
    const { kind, eventId, type, conversationKey } = parsed;
    const error = parsed.kind === 'event' ? null : parsed.error;
    const kept = await intake.keep(
      {
        source: 'umbler',
        eventId,
        type,
        conversationKey,
        rawBody,
        attempts: attemptNumber(req.headers['x-attempt']),
        status: INBOX_STATUS[kind],
        error,
      },
      parsed.kind === 'event' ? parsed.fact : undefined,
    );
    const duplicate = 'duplicate' in kept && kept.duplicate;
    count(
      duplicate
        ? 'duplicate'
        : 'spooled' in kept
          ? 'spooled'
          : kind === 'event'
            ? 'accepted'
            : kind === 'ignored'
              ? 'ignored'
              : 'rejected',
    );
    if (duplicate) {
      answer(res, 200, { status: 'duplicate', eventId });
    } else if (kind === 'event') {
      answer(res, 202, { status: 'accepted', eventId });
    } else if (kind === 'ignored') {
      logger.info({ eventId, type, reason: error }, 'webhook event ignored');
      answer(res, 202, { status: 'ignored', eventId, reason: error });
    } else {
      logger.warn(
        { eventId, type, inboxId: 'id' in kept ? kept.id : null, error: loggableError(error) },
        'webhook body rejected',
      );
      answer(res, REJECTION_STATUS[kind], { error, eventId });
    }
  }

  function hasToken(req: IncomingMessage): boolean {
    const header = req.headers['x-webhook-token'];
    let token = typeof header === 'string' ? header : '';
    if (token === '') {
      // Exactly one `token` in the query: `?token=a&token=b` is no token.
      const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').getAll('token');
      token = query.length === 1 ? (query[0] as string) : '';
    }
    return token !== '' && sameHash(hashToken(token), secrets.webhookHash);
  }

  return (req, res) => {
    receive(req, res).catch((error: unknown) => {
      if (error instanceof Refused) {
        answer(res, error.status, { error: error.message });
        return;
      }
      logger.error({ err: error }, 'webhook delivery could not be stored');
      answer(res, 500, { error: 'The event could not be stored; retry later.' });
    });
  };
}

function answer(res: ServerResponse, status: number, body: object, header?: [string, string]) {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...(header ? { [header[0]]: header[1] } : {}),
  });
  res.end(text);
}

const TOO_LARGE = `The body is larger than the ${BODY_LIMIT_BYTES / 1024 / 1024} MB limit.`;

/** The request's body, decompressed if it says so, at most `BODY_LIMIT_BYTES`. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > BODY_LIMIT_BYTES) throw new Refused(413, TOO_LARGE);
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  let stream: Readable = req;
  if (encoding === 'gzip') stream = req.pipe(zlib.createGunzip());
  else if (encoding === 'deflate') stream = req.pipe(zlib.createInflate());
  else if (encoding !== 'identity') throw new Refused(415, `Unsupported content encoding "${encoding}".`);
  // Not `for await`: leaving it would destroy the socket before the 413 could be answered.
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
      else if (size - chunk.length <= BODY_LIMIT_BYTES) {
        // The rest is read and dropped; the answer goes out now.
        chunks = [];
        reject(new Refused(413, TOO_LARGE));
      }
    });
    stream.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    stream.on('error', (error) => reject(new Refused(400, `The body could not be read: ${error.message}`)));
  });
}

/** Postgres text cannot hold NUL, which no valid JSON contains: keep such a body, marked. */
function decode(bytes: Buffer): string {
  return withoutNul(bytes.toString('utf8'));
}

function attemptNumber(header: string | string[] | undefined): number {
  const value = Number(header);
  return Number.isInteger(value) && value >= 1 && value <= 1000 ? value : 1;
}

const SECRET_FIELD = /token|password|passwd|senha|secret/i;

/** `token=…` and other secret fields of a form body become `[redacted]`; the rest is kept as sent. */
export function redactFormSecrets(body: string): string {
  return body
    .split('&')
    .map((part) => {
      const equals = part.indexOf('=');
      if (equals < 0) return part;
      let key = part.slice(0, equals);
      try {
        key = decodeURIComponent(key.replaceAll('+', ' '));
      } catch {}
      return SECRET_FIELD.test(key) ? `${part.slice(0, equals)}=[redacted]` : part;
    })
    .join('&');
}
