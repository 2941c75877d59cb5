import type { Viewer } from './auth.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Logger } from './logger.js';
import type { PubSub } from './pubsub.js';
import type { SlaMonitor } from './sla-monitor.js';

/** What every request shares: built once at start. */
export interface App {
  readonly config: Config;
  readonly db: Database;
  readonly pubsub: PubSub;
  readonly logger: Logger;
  /** Live service levels of open conversations (started on first use). */
  readonly sla: SlaMonitor;
}

/** One per operation (Pothos caches per context object: never share one between requests). */
export interface Context {
  readonly viewer: Viewer | null;
  readonly app: App;
}

export function createContext(app: App, viewer: Viewer | null): Context {
  return { viewer, app };
}
