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
