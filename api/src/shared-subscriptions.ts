import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  type GraphQLSchema,
  getOperationAST,
} from 'graphql';
import type { Context } from './context.js';

/**
 * Subscription fields whose every event is the whole current value (a live query): a subscriber
 * joining a running stream gets its latest value at once, as a stream of its own would start.
 */
export const currentValueExtension = 'radarCurrentValue';

interface Listener {
  push(result: ExecutionResult): void;
  end(): void;
}

interface Hub {
  listeners: Set<Listener>;
  latest: ExecutionResult | null;
  ready: Promise<ExecutionResult | null>;
  stop(): void;
}

/**
 * One execution per change for every subscriber of the same document, variables and role, the
 * way Hasura multiplexes live queries: the source stream is opened once, each event is executed
 * once (with a context of its own, so nothing is cached across events) and the same result goes
 * to every subscriber. The first subscriber's authorization stands for its role.
 */
export function createSharedSubscriptions(
  schema: GraphQLSchema,
  freshContext: (like: Context) => Context,
  onError: (error: unknown) => void = () => {},
) {
  const hubs = new Map<string, Hub>();
  const documentIds = new WeakMap<DocumentNode, number>();
  let nextDocumentId = 0;

  const keyOf = (args: ExecutionArgs & { contextValue: Context }) => {
    let id = documentIds.get(args.document);
    if (id === undefined) {
      id = nextDocumentId++;
      documentIds.set(args.document, id);
    }
    const role = args.contextValue.viewer?.role ?? 'ANONYMOUS';
    return `${id}\u0000${args.operationName ?? ''}\u0000${role}\u0000${JSON.stringify(args.variableValues ?? {})}`;
  };

  function open(key: string, args: ExecutionArgs & { contextValue: Context }): Hub {
    const listeners = new Set<Listener>();
    const operation = getOperationAST(args.document, args.operationName);
    const field = operation?.selectionSet.selections[0];
    const fieldName = field?.kind === 'Field' ? field.name.value : '';
    const replaysLatest = Boolean(
      schema.getSubscriptionType()?.getFields()[fieldName]?.extensions?.[currentValueExtension],
    );
    let source: AsyncIterator<unknown> | null = null;
    const hub: Hub = {
      listeners,
      latest: null,
      stop() {
        if (hubs.get(key) === hub) hubs.delete(key);
        void source?.return?.();
      },
      ready: Promise.resolve(null),
    };
    hub.ready = (async () => {
      const stream = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in stream)) return stream;
      source = stream[Symbol.asyncIterator]();
      void (async () => {
        try {
          for (;;) {
            const next = await (source as AsyncIterator<unknown>).next();
            if (next.done) break;
            const result = (await execute({
              ...args,
              rootValue: next.value,
              contextValue: freshContext(args.contextValue),
            })) as ExecutionResult;
            if (replaysLatest) hub.latest = result;
            for (const listener of listeners) listener.push(result);
          }
        } catch (error) {
          // A stream that fails (the database closed under it at shutdown, say) ends for its subscribers.
          onError(error);
        } finally {
          if (hubs.get(key) === hub) hubs.delete(key);
          for (const listener of listeners) listener.end();
        }
      })();
      return null;
    })();
    hubs.set(key, hub);
    return hub;
  }

  return {
    /** graphql-ws' `subscribe`: the shared stream of this operation's results. */
    async subscribe(
      args: ExecutionArgs & { contextValue: Context },
    ): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
      const key = keyOf(args);
      for (;;) {
        const hub = hubs.get(key) ?? open(key, args);
        const failed = await hub.ready;
        if (failed) {
          if (hubs.get(key) === hub) hubs.delete(key);
          return failed;
        }
        // Its last subscriber may have left while this one waited: then it starts a new one.
        if (hubs.get(key) === hub) return join(hub);
      }
    },
    /** Stops every stream (at shutdown). */
    close() {
      for (const hub of [...hubs.values()]) hub.stop();
    },
    /** Streams running, and subscribers on them (for tests and metrics). */
    stats() {
      let subscribers = 0;
      for (const hub of hubs.values()) subscribers += hub.listeners.size;
      return { streams: hubs.size, subscribers };
    },
  };
}

/** A subscriber's own iterator over a shared stream; leaving the last one closes the stream. */
function join(hub: Hub): AsyncIterable<ExecutionResult> {
  const queue: ExecutionResult[] = hub.latest ? [hub.latest] : [];
  let wake: (() => void) | null = null;
  let ended = false;
  const listener: Listener = {
    push(result) {
      queue.push(result);
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
  };
  hub.listeners.add(listener);
  const leave = () => {
    ended = true;
    hub.listeners.delete(listener);
    if (hub.listeners.size === 0) hub.stop();
    wake?.();
  };
  // Iterable and iterator at once, like an async generator: graphql-ws ends an operation by
  // calling return() on what `subscribe` gave it.
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next(): Promise<IteratorResult<ExecutionResult>> {
      for (;;) {
        const result = queue.shift();
        if (result) return { done: false, value: result };
        if (ended) return { done: true, value: undefined };
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
    },
    async return(): Promise<IteratorResult<ExecutionResult>> {
      leave();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/** Prisma's arguments for one read: `select`/`include` trees, and a relation's list arguments. */
type PrismaArgs = Record<string, unknown>;

interface ReadGroup {
  query: PrismaArgs;
  waiters: { resolve(value: unknown): void; reject(error: unknown): void }[];
}

const pendingReads = new WeakMap<object, Map<string, ReadGroup[]>>();

/**
 * One database read per change for every stream it reaches: streams of different documents
 * (so different selections, or roles) that resolve the same published change in the same turn
 * have their Prisma queries merged into one read, and each gets its result, a superset of what it
 * selected. Queries that cannot be merged (a nested list asked with other arguments, say) are
 * read apart. `change` is the published payload: the same object for every local subscriber.
 */
export function readOncePerChange<T>(
  change: object,
  kind: string,
  query: PrismaArgs,
  read: (query: PrismaArgs) => Promise<T>,
): Promise<T> {
  let kinds = pendingReads.get(change);
  if (!kinds) {
    kinds = new Map();
    pendingReads.set(change, kinds);
  }
  let groups = kinds.get(kind);
  if (!groups) {
    const gathered: ReadGroup[] = [];
    groups = gathered;
    kinds.set(kind, gathered);
    // Every stream's resolver runs within this turn of the event loop: read once they all asked.
    setImmediate(() => {
      kinds?.delete(kind);
      for (const group of gathered) {
        read(group.query).then(
          (value) => {
            for (const waiter of group.waiters) waiter.resolve(value);
          },
          (error) => {
            for (const waiter of group.waiters) waiter.reject(error);
          },
        );
      }
    });
  }
  return new Promise<T>((resolve, reject) => {
    const waiter = { resolve: resolve as (value: unknown) => void, reject };
    for (const group of groups) {
      const merged = mergeQueries(group.query, query);
      if (merged) {
        group.query = merged;
        group.waiters.push(waiter);
        return;
      }
    }
    groups.push({ query, waiters: [waiter] });
  });
}

const SELECTION_KEYS = new Set(['select', 'include']);
const isObject = (value: unknown): value is PrismaArgs =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The union of two reads, or null when one would change what the other gets (list arguments, select vs include). */
export function mergeQueries(a: PrismaArgs, b: PrismaArgs): PrismaArgs | null {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!SELECTION_KEYS.has(key) && !sameValue(a[key], b[key])) return null;
  }
  const merged: PrismaArgs = { ...a };
  for (const key of SELECTION_KEYS) {
    const left = a[key];
    const right = b[key];
    if (left === undefined && right === undefined) continue;
    // `select` picks some scalars; `include` (or neither) takes them all: different rows.
    if ((a.select === undefined) !== (b.select === undefined)) return null;
    const tree = mergeTrees(isObject(left) ? left : {}, isObject(right) ? right : {});
    if (!tree) return null;
    merged[key] = tree;
  }
  return merged;
}

function mergeTrees(a: PrismaArgs, b: PrismaArgs): PrismaArgs | null {
  const merged: PrismaArgs = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (!(key in merged)) {
      merged[key] = value;
      continue;
    }
    const current = merged[key];
    if (sameValue(current, value)) continue;
    let union: PrismaArgs | null = null;
    // A relation taken whole (`true`: its scalars) is within one that includes more of it.
    if (current === true && isObject(value) && value.select === undefined) union = mergeQueries({}, value);
    else if (value === true && isObject(current) && current.select === undefined)
      union = mergeQueries(current, {});
    else if (isObject(current) && isObject(value)) union = mergeQueries(current, value);
    if (!union) return null;
    merged[key] = union;
  }
  return merged;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => sameValue(a[key], b[key]));
  }
  return false;
}
