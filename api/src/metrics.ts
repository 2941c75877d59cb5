import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from './db/client.js';
import { inboxStatus } from './ingest/inbox.js';

/** What `GET /metrics` exposes in Prometheus' text format, every name prefixed `radar_`. */
export interface Metrics {
  readonly registry: Registry;
  readonly deliveries: Counter<'outcome'>;
  readonly batches: Histogram<never>;
  readonly events: Counter<'status'>;
  readonly requests: Histogram<'method' | 'route' | 'status'>;
  readonly subscriptions: Gauge<never>;
  readonly sockets: Gauge<never>;
  /** Reports the bodies waiting in the spool (see `ingest/intake.ts`). */
  trackSpool(size: () => number): void;
}

export function createMetrics(db: Database): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'radar_' });
  const registers = [registry];
  new Gauge({
    name: 'radar_ingest_backlog_events',
    help: 'Webhook events received and not yet applied.',
    registers,
    async collect() {
      this.set((await inboxStatus(db)).pending);
    },
  });
  new Gauge({
    name: 'radar_ingest_oldest_pending_seconds',
    help: 'Age of the oldest webhook event not yet applied (0 when none waits).',
    registers,
    async collect() {
      const { oldestPendingAt } = await inboxStatus(db);
      this.set(oldestPendingAt ? Math.max(0, (Date.now() - oldestPendingAt.getTime()) / 1000) : 0);
    },
  });
  let spooled = () => 0;
  new Gauge({
    name: 'radar_ingest_spooled_events',
    help: 'Webhook deliveries kept on local disk while the database could not take them.',
    registers,
    collect() {
      this.set(spooled());
    },
  });
  return {
    registry,
    trackSpool(size) {
      spooled = size;
    },
    deliveries: new Counter({
      name: 'radar_webhook_deliveries_total',
      help: 'Webhook deliveries by answer: accepted, spooled, duplicate, ignored, rejected, unauthorized, rate_limited.',
      labelNames: ['outcome'],
      registers,
    }),
    batches: new Histogram({
      name: 'radar_ingest_batch_duration_seconds',
      help: 'Time to apply one batch of inbox events, commit included.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    events: new Counter({
      name: 'radar_ingest_events_total',
      help: 'Inbox events done, by outcome.',
      labelNames: ['status'],
      registers,
    }),
    requests: new Histogram({
      name: 'radar_http_request_duration_seconds',
      help: 'HTTP requests by method, route and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    subscriptions: new Gauge({
      name: 'radar_graphql_subscriptions_open',
      help: 'GraphQL operations running over WebSocket.',
      registers,
    }),
    sockets: new Gauge({ name: 'radar_websockets_open', help: 'Open GraphQL WebSockets.', registers }),
  };
}
