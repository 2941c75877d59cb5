import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from '../builder.js';
import './scalars.js';
import './viewer.js';
import './agent.js';
import './conversation.js';
import './ingest.js';
import './live.js';
import './metrics.js';
import './access-token.js';
import './webhook-event.js';
import './business-hours.js';
import './service-levels.js';
import './origins.js';

export const schema = builder.toSchema();

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
