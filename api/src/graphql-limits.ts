import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { isDatabaseUnavailable } from './db/health.js';

export const maxQueryDepth = 12;

/** Refuses documents nested deeper than `maxDepth` fields (fragments followed). */
export function depthLimit(maxDepth = maxQueryDepth) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
        } else if (!seen.has(selection.name.value)) {
          const fragment = fragments.get(selection.name.value);
          deepest = Math.max(
            deepest,
            depthOf(fragment?.selectionSet, new Set([...seen, selection.name.value])),
          );
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`This query is nested ${depth} levels deep; at most ${maxDepth} are allowed.`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            }),
          );
        }
      },
    };
  };
}

const expectedCodes = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'QUERY_TOO_COMPLEX',
  'QUERY_TIMEOUT',
  'DATABASE_UNAVAILABLE',
  'RATE_LIMITED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/**
 * Expected errors reach clients as they are; anything else is logged with its stack and
 * replaced by a generic message, over HTTP and WebSocket alike.
 */
export function maskError(error: GraphQLError, log: (error: unknown) => void): GraphQLError {
  const code = error.extensions?.code;
  const original = error.originalError;
  const isExpected =
    (typeof code === 'string' && expectedCodes.has(code)) ||
    (!original && !code) || // validation and parse errors carry no original error
    (original instanceof GraphQLError &&
      typeof original.extensions?.code === 'string' &&
      expectedCodes.has(original.extensions.code));
  if (isExpected) return error;
  if (original && /statement timeout/.test(original.message)) {
    return new GraphQLError(
      'This request ran longer than the database allows and was stopped; ask for a shorter period or fewer items.',
      { path: error.path, extensions: { code: 'QUERY_TIMEOUT' } },
    );
  }
  if (original && isDatabaseUnavailable(original)) {
    return databaseUnavailable({ path: error.path });
  }
  if (original?.name === 'PothosValidationError' || original?.name === 'IngestInputError') {
    return new GraphQLError(original.message, { path: error.path, extensions: { code: 'BAD_USER_INPUT' } });
  }
  log(original ?? error);
  return new GraphQLError('Unexpected error.', {
    path: error.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/** The database is down or not answering: HTTP answers say so with `status` (503). */
export function databaseUnavailable(
  options: { path?: GraphQLError['path']; status?: number } = {},
): GraphQLError {
  return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    path: options.path,
    extensions: {
      code: 'DATABASE_UNAVAILABLE',
      ...(options.status ? { http: { status: options.status } } : {}),
    },
  });
}

const DATABASE_UNAVAILABLE_MESSAGE =
  'The database is unavailable right now; webhook deliveries are kept and will be processed when it is back. Retry shortly.';
