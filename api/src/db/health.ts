import type { Logger } from '../logger.js';
import type { Database } from './client.js';

/** How often, and how patiently, the database is asked whether it is there. */
const PROBE_EVERY_MS = 1_000;
const PROBE_TIMEOUT_MS = 800;

export interface DatabaseHealth {
  /** False once a probe failed or did not answer in time, until one answers again. */
  readonly up: boolean;
  /** Resolves with `up` after at most `ms`; a query stuck on a frozen server does not hold it. */
  within<T>(work: Promise<T>, ms?: number): Promise<T>;
  /** Called with the new state whenever it changes. */
  onChange(listener: (up: boolean) => void): void;
  close(): void;
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(message = 'The database is unavailable; retry shortly.') {
    super(message);
  }
}

/**
 * Watches the database with `SELECT 1` every second. PGlite runs in this process and is always
 * there. A probe still waiting (a frozen server) is not doubled: it counts as a failure.
 */
export function watchDatabase(db: Database, logger: Logger): DatabaseHealth {
  let up = true;
  let probing = false;
  const listeners: ((up: boolean) => void)[] = [];
  const set = (value: boolean) => {
    if (value === up) return;
    up = value;
    if (value) logger.info('the database is back');
    else logger.error('the database is unavailable: deliveries are spooled to disk until it is back');
    for (const listener of listeners) listener(value);
  };

  const within = <T>(work: Promise<T>, ms = PROBE_TIMEOUT_MS): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DatabaseUnavailableError()), ms);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  };

  let timer: NodeJS.Timeout | undefined;
  if (db.kind === 'postgres') {
    timer = setInterval(() => {
      if (probing) {
        set(false);
        return;
      }
      probing = true;
      const probe = Promise.resolve(db.prisma.$queryRaw`SELECT 1`);
      // The probe itself may come back much later (a frozen server): only then may another start.
      probe
        .catch(() => {})
        .finally(() => {
          probing = false;
        });
      within(probe).then(
        () => set(true),
        () => set(false),
      );
    }, PROBE_EVERY_MS);
    timer.unref();
  }

  return {
    get up() {
      return up;
    },
    within,
    onChange(listener) {
      listeners.push(listener);
    },
    close() {
      clearInterval(timer);
    },
  };
}

/** The database could not be reached (down, refusing, frozen past a timeout), not a bad query. */
export function isDatabaseUnavailable(error: Error): boolean {
  return (
    error.name === 'DatabaseUnavailableError' ||
    /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Can't reach database server|server closed the connection|the database system is (starting up|shutting down)|terminating connection due to administrator command/i.test(
      error.message,
    ) ||
    ['P1001', 'P1002', 'P1017', 'P2024'].includes((error as { code?: string }).code ?? '')
  );
}
