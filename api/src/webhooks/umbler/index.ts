import type { GraphQLSchema } from 'graphql';
import type { InstanceSecrets } from '../../auth.js';
import type { App } from '../../context.js';
import { assertIngestMutation } from './process.js';
import { createInboxProcessor, type InboxProcessor } from './processor.js';
import { webhookRouter } from './receive.js';

export type { InboxProcessor };

/** The Umbler Talk webhook: a durable inbox in front of `recordConversationEvent`. */
export function createUmblerWebhook(app: App, secrets: InstanceSecrets, schema: GraphQLSchema) {
  assertIngestMutation(schema);
  const processor = createInboxProcessor(app, schema);
  const router = webhookRouter(app, secrets, () => processor.wake());
  return { router, processor };
}
