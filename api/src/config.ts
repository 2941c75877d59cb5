import path from 'node:path';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalToken = z
  .string()
  .min(16, 'must be at least 16 characters (use a long random string)')
  .optional();

const schema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection URL')
    .optional(),
  DATA_DIR: z.string().min(1, 'must be a directory path').default('./data'),
  RADAR_ADMIN_TOKEN: optionalToken,
  UMBLER_WEBHOOK_TOKEN: optionalToken,
  RADAR_TIMEZONE: z
    .string()
    .default('America/Sao_Paulo')
    .refine(isTimeZone, 'must be an IANA time zone such as America/Sao_Paulo'),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
  METRICS_TOKEN: optionalToken,
  MAX_WEBSOCKETS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(20_000),
  SPOOL_AFTER_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 10000')
    .max(10_000, 'must be between 1 and 10000')
    .default(500),
  PUBLIC_URL: z.url({ error: 'must be an absolute URL such as https://radar.example.com' }).optional(),
});

export type Config = Readonly<{
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  adminToken: string | undefined;
  webhookToken: string | undefined;
  timeZone: string;
  logLevel: (typeof logLevels)[number];
  publicUrl: string | undefined;
  metricsToken: string | undefined;
  maxWebSockets: number;
  /** How long a delivery waits for the inbox before it is spooled to disk. */
  spoolAfterMs: number;
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in schema.shape && value !== ''),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message} (got ${describe(env, issue.path)})`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const value = parsed.data;
  return Object.freeze({
    port: value.PORT,
    databaseUrl: value.DATABASE_URL,
    dataDir: path.resolve(value.DATA_DIR),
    adminToken: value.RADAR_ADMIN_TOKEN,
    webhookToken: value.UMBLER_WEBHOOK_TOKEN,
    timeZone: value.RADAR_TIMEZONE,
    logLevel: value.LOG_LEVEL,
    publicUrl: value.PUBLIC_URL?.replace(/\/$/, ''),
    metricsToken: value.METRICS_TOKEN,
    maxWebSockets: value.MAX_WEBSOCKETS,
    spoolAfterMs: value.SPOOL_AFTER_MS,
  });
}

function describe(env: NodeJS.ProcessEnv, issuePath: PropertyKey[]): string {
  const key = String(issuePath[0]);
  if (key.endsWith('TOKEN') || key === 'DATABASE_URL') return 'a value that is not shown';
  return JSON.stringify(env[key]);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
