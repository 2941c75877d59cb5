import { type SecretSetup, setupInstanceSecrets } from './auth.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { prepareMetricDays } from './db/metric-days.js';
import { migrate } from './db/migrate.js';
import type { Logger } from './logger.js';
import { createPubSub } from './pubsub.js';
import { createServer, type RadarServer } from './server.js';

export interface Radar extends RadarServer {
  readonly url: string;
  readonly port: number;
  readonly generated: SecretSetup['generated'];
}

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
}

/** Opens the database, applies migrations, and serves everything on one port. */
export async function startRadar(
  config: Config,
  logger: Logger,
  options: { db?: Database; redisUrl?: string } = {},
): Promise<Radar> {
  const db = options.db ?? (await openConfiguredDatabase(config));
  try {
    const applied = await migrate(db);
    if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
    await prepareMetricDays(db, config.timeZone, logger);
    const { secrets, generated } = await setupInstanceSecrets(db, {
      admin: config.adminToken,
      webhook: config.webhookToken,
    });
    const pubsub = createPubSub({ redisUrl: options.redisUrl, logger });
    const server = await createServer({ config, db, pubsub, logger, secrets, redisUrl: options.redisUrl });
    await new Promise<void>((resolve, reject) => {
      server.httpServer.once('error', reject);
      server.httpServer.listen(config.port, resolve);
    });
    const address = server.httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, database: db.kind }, 'Radar is listening');
    return {
      ...server,
      url: `http://localhost:${port}`,
      port,
      generated,
      async close() {
        await server.close();
        await pubsub.close();
        if (!options.db) await db.close();
      },
    };
  } catch (error) {
    if (!options.db) await db.close().catch(() => {});
    throw error;
  }
}
