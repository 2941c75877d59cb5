import {
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';

const MAX_DOCUMENTS = 1_000;

/**
 * Parses and validates a document once: thousands of dashboards reconnecting after a restart
 * send the same few documents, and each would otherwise pay for both. The same document object
 * comes back for the same text, which is also what lets their subscriptions share one stream.
 */
export function preparedDocuments(schema: GraphQLSchema, rules: readonly ValidationRule[]) {
  const cache = new Map<string, { document: DocumentNode } | { errors: readonly GraphQLError[] }>();
  return (query: string) => {
    const known = cache.get(query);
    if (known) return known;
    let prepared: { document: DocumentNode } | { errors: readonly GraphQLError[] };
    try {
      const document = parse(query);
      const errors = validate(schema, document, [...specifiedRules, ...rules]);
      prepared = errors.length > 0 ? { errors } : { document };
    } catch (error) {
      prepared = { errors: [error as GraphQLError] };
    }
    if (cache.size >= MAX_DOCUMENTS) cache.delete(cache.keys().next().value as string);
    cache.set(query, prepared);
    return prepared;
  };
}
