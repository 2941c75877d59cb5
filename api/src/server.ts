import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express from 'express';
import { type ExecutionArgs, execute, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import helmet from 'helmet';
import { WebSocketServer } from 'ws';
import { authenticate, bearerToken, hashToken, type InstanceSecrets, sameHash, type Viewer } from './auth.js';
import { createAuthFailures } from './auth-failures.js';
import type { Config } from './config.js';
import { type App, type Context, createContext } from './context.js';
import type { Database } from './db/client.js';
import { rederiveStale } from './db/derive-batch.js';
import { isDatabaseUnavailable, watchDatabase } from './db/health.js';
import { pendingMigrations } from './db/migrate.js';
import { exportsRouter } from './exports/router.js';
import { costErrors } from './graphql-cost.js';
import { preparedDocuments } from './graphql-documents.js';
import { databaseUnavailable, depthLimit, maskError } from './graphql-limits.js';
import { inboxStatus } from './ingest/inbox.js';
import { openIntake } from './ingest/intake.js';
import { createInboxProcessor } from './ingest/processor.js';
import { recentFacts } from './ingest/recent.js';
import { CLOSE_TOO_MANY, CLOSE_TRY_AGAIN, createLiveAccess } from './live-access.js';
import type { Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import type { PubSub } from './pubsub.js';
import { schema } from './schema/index.js';
import { createSharedSubscriptions } from './shared-subscriptions.js';
import { createSlaMonitor } from './sla-monitor.js';
import { webhookReceiver } from './webhooks/umbler/receive.js';

const clientDist = fileURLToPath(new URL('../../client/dist', import.meta.url));
/** The Umbler webhook, answered ahead of Express (see `webhookReceiver`). */
const WEBHOOK_PATH = /^\/api\/webhook\/umbler\/?(\?|$)/;
const knownRoutes = ['/graphql', '/api/webhook/umbler', '/api/exports', '/healthz', '/readyz', '/metrics'];

const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface RadarServer {
  readonly app: App;
  readonly httpServer: http.Server;
  /** Subscription streams running and the subscribers they feed (each stream executes once per change). */
  liveStreams(): { streams: number; subscribers: number };
  /** Stops accepting, drains HTTP and WebSocket connections, finishes in-flight work. */
  close(): Promise<void>;
}

export async function createServer(deps: {
  config: Config;
  db: Database;
  pubsub: PubSub;
  logger: Logger;
  secrets: InstanceSecrets;
  /** Shares the count of wrong tokens between instances. */
  redisUrl?: string;
}): Promise<RadarServer> {
  const { config, db, logger, secrets } = deps;
  const app: App = {
    config,
    db,
    pubsub: deps.pubsub,
    logger,
    sla: createSlaMonitor({ db, pubsub: deps.pubsub, logger, config }),
  };
  const web = express();
  web.disable('x-powered-by');
  const httpServer = http.createServer();
  const validationRules = [depthLimit()];
  const metrics = createMetrics(db);
  const failures = createAuthFailures({ redisUrl: deps.redisUrl });
  /** Every answer is counted by route and logged (the webhook's too, which Express never sees). */
  const observe = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = performance.now();
    res.on('finish', () => {
      // The query string may carry a secret in any spelling (`?tok%65n=`, `token[]=`): never logged.
      const path = (req.url ?? '').split('?')[0] as string;
      const route = knownRoutes.find((known) => path === known || path.startsWith(`${known}/`)) ?? 'static';
      metrics.requests.observe(
        { method: req.method ?? '', route, status: String(res.statusCode) },
        (performance.now() - started) / 1000,
      );
      const quiet = path === '/healthz' || path === '/readyz' || path === '/metrics';
      logger[quiet ? 'debug' : 'info'](
        { method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) },
        'request',
      );
    });
  };

  // The webhook is answered ahead of Express: a machine's small JSON answer needs neither browser
  // headers nor compression, and a burst of deliveries should pay for nothing else.
  const recent = recentFacts();
  const processor = createInboxProcessor(app, metrics, recent);
  const health = watchDatabase(db, logger);
  const intake = await openIntake({
    db,
    health,
    logger,
    spoolDir: path.join(config.dataDir, 'spool'),
    spoolAfterMs: config.spoolAfterMs,
    onStored: () => processor.wake(),
    recent,
  });
  metrics.trackSpool(() => intake.spooled);
  const receive = webhookReceiver(app, secrets, failures, intake, metrics);
  httpServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    observe(req, res);
    if (req.method === 'POST' && WEBHOOK_PATH.test(req.url ?? '')) receive(req, res);
    else web(req, res);
  });
  web.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
    }),
  );
  web.use(compression());
  web.use('/api/exports', exportsRouter(app, secrets, failures, schema));

  web.get('/metrics', async (req, res) => {
    const token = bearerToken(req.headers.authorization);
    const allowed =
      (token !== null &&
        config.metricsToken !== undefined &&
        sameHash(hashToken(token), hashToken(config.metricsToken))) ||
      (await authenticate(db, secrets, token))?.role === 'ADMIN';
    if (!allowed) {
      const retryAfter = await failures.wrong(req.ip ?? 'unknown');
      if (retryAfter !== null) res.set('Retry-After', String(retryAfter));
      res.status(retryAfter === null ? 401 : 429).json({
        error: 'GET /metrics takes the admin token or METRICS_TOKEN: Authorization: Bearer <token>.',
      });
      return;
    }
    res.set('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  web.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  web.get('/readyz', async (_req, res) => {
    // Within a second whatever the database does: a frozen server must not hold the answer.
    if (!health.up) {
      res.status(503).json({ status: 'database unavailable', spooled: intake.spooled });
      return;
    }
    try {
      const [pending, inbox] = await health.within(Promise.all([pendingMigrations(db), inboxStatus(db)]));
      if (pending.length > 0) {
        res.status(503).json({ status: 'migrations pending', pending });
        return;
      }
      const oldestPendingSeconds = inbox.oldestPendingAt
        ? Math.max(0, Math.round((Date.now() - inbox.oldestPendingAt.getTime()) / 1000))
        : null;
      res.json({
        status: 'ready',
        database: db.kind,
        pending: inbox.pending,
        oldestPendingSeconds,
        spooled: intake.spooled,
      });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unavailable', spooled: intake.spooled });
    }
  });

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const shared = createSharedSubscriptions(
    schema,
    (like) => createContext(app, like.viewer),
    (error) => logger.debug({ err: error }, 'a shared subscription stream ended with an error'),
  );
  const prepare = preparedDocuments(schema, validationRules);
  const access = createLiveAccess({ db, pubsub: deps.pubsub, logger, maxSockets: config.maxWebSockets });
  const wsCleanup = useServer<Record<string, unknown> | undefined, { viewer?: Viewer | null }>(
    {
      schema,
      execute,
      subscribe: (args) => shared.subscribe(args as ExecutionArgs & { contextValue: Context }),
      onConnect: async (ctx) => {
        if (!health.up) {
          ctx.extra.socket.close(CLOSE_TRY_AGAIN, 'The database is unavailable; retry shortly');
          return false;
        }
        const header = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const viewer = await authenticate(
          db,
          secrets,
          bearerToken(typeof header === 'string' ? header : null),
        );
        if (!viewer) {
          const retryAfter = await failures.wrong(ctx.extra.request.socket.remoteAddress ?? 'unknown');
          if (retryAfter !== null)
            ctx.extra.socket.close(4429, `Too many wrong tokens; retry in ${retryAfter} s`);
          return false;
        }
        if (!access.admit(ctx.extra.socket, viewer)) {
          ctx.extra.socket.close(
            CLOSE_TOO_MANY,
            `This instance holds its cap of ${config.maxWebSockets} WebSockets`,
          );
          return false;
        }
        ctx.extra.viewer = viewer;
        metrics.sockets.inc();
        return true;
      },
      onClose: (ctx) => {
        access.forget(ctx.extra.socket);
        if (ctx.extra.viewer) metrics.sockets.dec();
      },
      onOperation: () => {
        metrics.subscriptions.inc();
      },
      onComplete: () => {
        metrics.subscriptions.dec();
      },
      context: (ctx) => createContext(app, ctx.extra.viewer ?? null),
      onSubscribe: (ctx, _id, payload) => {
        if (!health.up) return [databaseUnavailable()];
        const prepared = prepare(payload.query);
        if ('errors' in prepared) return prepared.errors;
        const contextValue = createContext(app, ctx.extra.viewer ?? null);
        const tooCostly = costErrors({
          schema,
          document: prepared.document,
          variables: payload.variables,
          operationName: payload.operationName,
          context: contextValue,
        });
        if (tooCostly.length > 0) return [...tooCostly];
        return {
          schema,
          document: prepared.document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!('errors' in result) || !result.errors) return result;
        return { ...result, errors: result.errors.map((e) => maskError(e, logUnexpected).toJSON()) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => maskError(e, logUnexpected)),
    },
    wsServer,
  );

  const logUnexpected = (error: unknown) => logger.error({ err: error }, 'unexpected GraphQL error');
  const refuseCostly: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, contextValue, operationName }) {
          if (!health.up) throw databaseUnavailable({ status: 503 });
          const [error] = costErrors({
            schema,
            document,
            variables: request.variables,
            operationName,
            context: contextValue,
          });
          if (error) {
            throw new GraphQLError(error.message, {
              extensions: { ...error.extensions, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
  const drainWebSockets: ApolloServerPlugin = {
    async serverWillStart() {
      return { drainServer: async () => void (await wsCleanup.dispose()) };
    },
  };
  const apollo = new ApolloServer<Context>({
    schema,
    validationRules,
    introspection: true,
    // Radar's own SIGTERM handler stops Apollo through `close()`: a second stop never returns.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's landing page loads its explorer from the internet, which the CSP (rightly) refuses.
      ApolloServerPluginLandingPageDisabled(),
      refuseCostly,
      drainWebSockets,
    ],
    formatError: (formatted, error) => {
      const unwrapped = unwrapResolverError(error);
      const graphqlError =
        error instanceof GraphQLError
          ? error
          : new GraphQLError(formatted.message, {
              extensions: formatted.extensions,
              originalError: unwrapped as Error,
            });
      const masked = maskError(graphqlError, logUnexpected);
      return masked === graphqlError ? formatted : masked.toJSON();
    },
  });
  await apollo.start();
  // A browser asking for /graphql gets GraphiQL, built with the client (works offline). Monaco,
  // its editor, injects its styles and runs workers: this page alone allows inline styles.
  const graphiqlPage = path.join(clientDist, 'graphiql.html');
  const hasGraphiql = fs.existsSync(graphiqlPage);
  web.get('/graphql', (req, res, next) => {
    const browser = req.accepts(['application/json', 'text/html']) === 'text/html';
    if (!browser || req.query.query !== undefined || !hasGraphiql) {
      next();
      return;
    }
    res.set('Content-Security-Policy', GRAPHIQL_CSP);
    res.sendFile(graphiqlPage, { maxAge: 0 });
  });
  web.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        if (!health.up) throw databaseUnavailable({ status: 503 });
        const viewer = await authenticate(db, secrets, bearerToken(req.headers.authorization)).catch(
          (error) => {
            throw error instanceof Error && isDatabaseUnavailable(error)
              ? databaseUnavailable({ status: 503 })
              : error;
          },
        );
        if (!viewer) {
          const retryAfter = await failures.wrong(req.ip ?? 'unknown');
          if (retryAfter !== null) {
            throw new GraphQLError(`Too many wrong tokens from this address; retry in ${retryAfter} s.`, {
              extensions: {
                code: 'RATE_LIMITED',
                http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
              },
            });
          }
          throw new GraphQLError('A valid access token is required (Authorization: Bearer <token>).', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        }
        return createContext(app, viewer);
      },
    }),
  );

  if (fs.existsSync(clientDist)) {
    // Vite names built assets by their content hash: they never change, so they are cached for good.
    web.use(
      '/assets',
      express.static(path.join(clientDist, 'assets'), { index: false, immutable: true, maxAge: '365d' }),
    );
    web.use(express.static(clientDist, { index: false, maxAge: '1h' }));
    web.get(/^\/(?!graphql|api\/|healthz|readyz).*/, (_req, res) => {
      res.sendFile('index.html', { root: clientDist, maxAge: 0 });
    });
  }

  processor.start();
  intake.start();
  const stale = new AbortController();
  const rederiving = rederiveStale(app.db.prisma, app.config.timeZone, stale.signal).then(
    (count) =>
      count > 0 && app.logger.info({ conversations: count }, 'history derived again (new timeline version)'),
    (error) => app.logger.error({ err: error }, 'history could not be derived again'),
  );

  return {
    app,
    httpServer,
    liveStreams: () => shared.stats(),
    async close() {
      await intake.close();
      stale.abort();
      await rederiving;
      health.close();
      await processor.stop();
      app.sla.close();
      await failures.close();
      access.close();
      shared.close();
      await apollo.stop();
    },
  };
}
