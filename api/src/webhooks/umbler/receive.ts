import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
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

/**
 * `POST /?token=...`: keeps the raw body (in the inbox, or in the spool while the database cannot
 * take it), then answers at once; processing happens afterwards. Umbler pauses a webhook after 100 failed deliveries a day, so only bodies that can
 * never be processed get a 4xx, and an outage of the database gets none.
 */
export function webhookRouter(
  app: App,
  secrets: InstanceSecrets,
  failures: AuthFailures,
  intake: Intake,
  metrics?: Metrics,
) {
  const count = (outcome: string) => metrics?.deliveries.inc({ outcome });
  const { logger } = app;
  const router = express.Router();

  const requireToken: RequestHandler = async (req, res, next) => {
    const query = req.query.token;
    const token = req.get('x-webhook-token') ?? (typeof query === 'string' ? query : '');
    if (token !== '' && sameHash(hashToken(token), secrets.webhookHash)) {
      next();
      return;
    }
    const retryAfter = await failures.wrong(req.ip ?? 'unknown');
    count(retryAfter === null ? 'unauthorized' : 'rate_limited');
    if (retryAfter !== null) {
      res.set('Retry-After', String(retryAfter));
      res.status(429).json({ error: `Too many wrong tokens from this address; retry in ${retryAfter} s.` });
      return;
    }
    res.status(401).json({
      error: 'A valid webhook token is required: register the URL with ?token=..., or send X-Webhook-Token.',
    });
  };

  router.post(
    '/',
    requireToken,
    // Raw bytes, whatever the content type says: the body is stored exactly as received.
    express.raw({ type: () => true, limit: BODY_LIMIT_BYTES }),
    async (req, res) => {
      const received = Buffer.isBuffer(req.body) ? decode(req.body) : '';
      // A form body (the legacy uTalk format) carries the customer's account token: never stored.
      const rawBody = isLegacyFormEncoded(received) ? redactFormSecrets(received) : received;
      const attempts = attemptNumber(req.get('x-attempt'));
      const parsed = parseUmbler(rawBody);
      const { kind, eventId, type, conversationKey } = parsed;
      const error = parsed.kind === 'event' ? null : parsed.error;
      const kept = await intake.keep({
        source: 'umbler',
        eventId,
        type,
        conversationKey,
        rawBody,
        attempts,
        status: INBOX_STATUS[kind],
        error,
      });
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
        res.status(200).json({ status: 'duplicate', eventId });
        return;
      }
      if (kind === 'event') {
        res.status(202).json({ status: 'accepted', eventId });
      } else if (kind === 'ignored') {
        logger.info({ eventId, type, reason: error }, 'webhook event ignored');
        res.status(202).json({ status: 'ignored', eventId, reason: error });
      } else {
        logger.warn(
          { eventId, type, inboxId: 'id' in kept ? kept.id : null, error: loggableError(error) },
          'webhook body rejected',
        );
        res.status(REJECTION_STATUS[kind]).json({ error, eventId });
      }
    },
  );

  const jsonErrors: ErrorRequestHandler = (error, _req, res, _next) => {
    if (error?.type === 'entity.too.large') {
      res
        .status(413)
        .json({ error: `The body is larger than the ${BODY_LIMIT_BYTES / 1024 / 1024} MB limit.` });
      return;
    }
    const status =
      typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, 'webhook delivery could not be stored');
    res.status(status).json({
      error: status === 500 ? 'The event could not be stored; retry later.' : String(error.message),
    });
  };
  router.use(jsonErrors);
  return router;
}

/** Postgres text cannot hold NUL, which no valid JSON contains: keep such a body, marked. */
function decode(bytes: Buffer): string {
  return withoutNul(bytes.toString('utf8'));
}

function attemptNumber(header: string | undefined): number {
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
