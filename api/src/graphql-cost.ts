import { createComplexityRule, type FieldComplexityValue } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isListType,
  validate,
} from 'graphql';
import { maxPageSize } from './graphql-input.js';

/**
 * What one request may cost. A field costs 1; a list multiplies what is selected beneath it by
 * the items it may return (`first`/`last` of a connection, its default page otherwise, the ids
 * asked of `nodes`, which also cost one lookup each, 10 for other lists); a metrics aggregate
 * costs `metricsCost`. The dashboard's heaviest document, at its largest page, costs at most half
 * of this (checked by a test).
 */
export const costBudget = 12_000;

/** A metrics field scans samples of a whole period: ten of them fill a request. */
export const metricsCost = { field: 1_000, multiplier: 1 } satisfies FieldComplexityValue;

const defaultListMultiplier = 10;

/** The cost of a field, from its arguments: see `costBudget`. */
export function fieldComplexity(
  args: Record<string, unknown>,
  _ctx: unknown,
  field: GraphQLField<unknown, never, Record<string, unknown>>,
): FieldComplexityValue {
  // Each id is a lookup of its own.
  if (Array.isArray(args.ids)) return { field: args.ids.length, multiplier: args.ids.length };
  const hasPageArgs = field.args.some((arg) => arg.name === 'first');
  if (hasPageArgs) {
    const size = [args.first, args.last].find((value): value is number => typeof value === 'number');
    const options = field.extensions?.pothosOptions as { defaultSize?: unknown } | undefined;
    const defaultSize = typeof options?.defaultSize === 'number' ? options.defaultSize : maxPageSize;
    return { field: 1, multiplier: Math.max(1, size ?? defaultSize) };
  }
  // A connection's edges are already counted by the connection's page size.
  if (field.name === 'edges' && getNamedType(field.type).name.endsWith('Edge'))
    return { field: 1, multiplier: 1 };
  return isListType(getNullableType(field.type)) ? { field: 1, multiplier: defaultListMultiplier } : 1;
}

/**
 * Measures an operation before anything runs and refuses it when it costs more than the budget,
 * over HTTP and WebSocket alike. Variables that do not fit are left to execution to report.
 */
export function costErrors(request: {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables: Record<string, unknown> | null | undefined;
  operationName?: string | null;
  context: object;
}): readonly GraphQLError[] {
  const errors = validate(request.schema, request.document, [
    createComplexityRule({
      context: request.context,
      variableValues: request.variables ?? {},
      operationName: request.operationName,
      validate: (result, report) => {
        if (result.complexity > costBudget) {
          report(
            new GraphQLError(
              `This request would cost ${result.complexity} points; the budget is ${costBudget} per request. Ask for fewer items (first/last), fewer aliases, or split it.`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', cost: result.complexity, budget: costBudget } },
            ),
          );
        }
      },
    }),
  ]);
  return errors.filter((error) => error.extensions?.code === 'QUERY_TOO_COMPLEX');
}
