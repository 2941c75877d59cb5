import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder.js';

/** A date and a time, and the zone they are in: anything less would be read in a zone nobody chose. */
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

function parseDate(value: unknown): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  const date = typeof value === 'string' && isoDateTime.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(
      `DateTime must be an ISO-8601 date and time with its zone, such as 2026-03-02T11:04:31.437Z or 2026-03-02T08:04:31-03:00; got ${JSON.stringify(value)}.`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return date;
}

builder.scalarType('DateTime', {
  description:
    'An ISO-8601 date and time with its zone, such as 2026-03-02T11:04:31.437Z; a date alone, or a time without a zone, is refused.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string.');
    return parseDate(ast.value);
  },
});

builder.scalarType('JSON', {
  serialize: (value) => value,
  parseValue: (value) => value,
});
