import { ConfigError, loadConfig } from './config.js';
import { MigrationError } from './db/migrate.js';
import { createLogger } from './logger.js';
import { startRadar } from './radar.js';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(config.logLevel);

try {
  const radar = await startRadar(config, logger, { redisUrl: process.env.REDIS_URL || undefined });
  const base = config.publicUrl ?? radar.url;
  if (radar.generated.admin || radar.generated.webhook) {
    // Printed once, outside the logs: only hashes are stored.
    const lines = ['', '  Radar generated its secrets on this first start. They are shown only now:', ''];
    if (radar.generated.admin) lines.push(`  Admin token (dashboard and GraphQL):  ${radar.generated.admin}`);
    if (radar.generated.webhook) {
      lines.push(
        `  Umbler webhook URL to register:       ${base}/api/webhook/umbler?token=${radar.generated.webhook}`,
      );
    }
    lines.push('', '  Keep them safe. To replace them, set RADAR_ADMIN_TOKEN / UMBLER_WEBHOOK_TOKEN.', '');
    process.stdout.write(`${lines.join('\n')}\n`);
  } else {
    if (!config.adminToken) {
      logger.info('using the admin token generated on first start; set RADAR_ADMIN_TOKEN to replace it');
    }
    if (!config.webhookToken) {
      logger.info(
        { webhookUrl: `${base}/api/webhook/umbler?token=...` },
        'using the webhook token generated on first start; set UMBLER_WEBHOOK_TOKEN to replace it',
      );
    }
  }
  process.stdout.write(`Radar is running: dashboard ${base}/  GraphQL ${base}/graphql\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Whatever holds the process open past this, nothing is lost: every write is a transaction.
    setTimeout(() => {
      logger.warn('shutdown took longer than 9 s: exiting anyway');
      process.exit(0);
    }, 9_000).unref();
    try {
      await radar.close();
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  if (error instanceof MigrationError) {
    logger.fatal(
      { migration: error.migration, error: error.message },
      'migration failed: Radar did not start',
    );
    console.error(error.message);
    process.exit(1);
  }
  logger.fatal({ err: error }, 'Radar failed to start');
  process.exit(1);
}
