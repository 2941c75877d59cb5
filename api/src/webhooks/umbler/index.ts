import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { InstanceSecrets } from '../../auth.js';
import type { App } from '../../context.js';

export interface InboxProcessor {
  start(): void;
  /** Finishes the event in flight, then stops. */
  stop(): Promise<void>;
}

// Skeleton: the durable inbox and processor land with the webhook issue.
export function createUmblerWebhook(_app: App, _secrets: InstanceSecrets, _schema: GraphQLSchema) {
  const router = express.Router();
  router.post('/', (_req, res) => {
    res.status(503).json({ error: 'The Umbler webhook is not available yet.' });
  });
  const processor: InboxProcessor = { start() {}, async stop() {} };
  return { router, processor };
}
