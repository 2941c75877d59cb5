import { decodeBase64, PothosValidationError } from '@pothos/core';
import { GraphQLError, type GraphQLResolveInfo, isObjectType } from 'graphql';

export const maxPageSize = 100;
export const maxListSize = 100;

/** A GraphQL error for input the caller must change (BAD_USER_INPUT). */
export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Every Radar node has a positive 32-bit integer key. */
const nodeKey = /^[1-9]\d{0,9}$/;
const maxKey = 2 ** 31 - 1;

/**
 * `base64("Type:id")`, refused unless it names a type and a possible key (a PothosValidationError,
 * which Pothos reports at the field and `maskError` as BAD_USER_INPUT).
 */
export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  let text: string;
  try {
    text = decodeBase64(globalId);
  } catch {
    throw new PothosValidationError(`Invalid ID: ${JSON.stringify(globalId.slice(0, 100))}.`);
  }
  const [typename, id, ...rest] = text.split(':');
  if (
    !typename ||
    !/^[A-Z]\w*$/.test(typename) ||
    !id ||
    rest.length > 0 ||
    !nodeKey.test(id) ||
    Number(id) > maxKey
  ) {
    throw new PothosValidationError(
      `Invalid ID: ${JSON.stringify(globalId.slice(0, 100))}; use an id returned by the API.`,
    );
  }
  return { typename, id };
}

/** `node` and `nodes` look ids up of any type: one the schema has no node of is a bad id. */
export function assertNodeTypes(ids: readonly { typename: string }[], info: GraphQLResolveInfo): void {
  for (const { typename } of ids) {
    const type = info.schema.getType(typename);
    if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) {
      throw badInput(`Invalid ID: there is no ${typename} node.`);
    }
  }
}

/** A list argument longer than `max` is a mistake worth telling, not silently trimming. */
export function assertListSize(length: number, name: string, max = maxListSize): void {
  if (length > max) throw badInput(`"${name}" takes at most ${max} items; this request sent ${length}.`);
}

/**
 * Page arguments of a connection: sizes are capped (asking for more is a mistake worth telling)
 * and cursors must be ones the API returned.
 */
export function assertPageArgs(args: {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}): void {
  for (const size of [args.first, args.last]) {
    if (size != null && (size < 0 || size > maxPageSize)) {
      throw badInput(`A page holds 0 to ${maxPageSize} items; ask for the next page with "after".`);
    }
  }
  for (const cursor of [args.after, args.before]) {
    if (cursor == null) continue;
    let text = '';
    try {
      text = decodeBase64(cursor);
    } catch {}
    const key = text.match(/^GPC:N:(\d+)$/)?.[1];
    if (!key || Number(key) > maxKey) {
      throw badInput(
        `Invalid cursor: ${JSON.stringify(cursor.slice(0, 100))}; use a cursor returned by the API.`,
      );
    }
  }
}
