import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One GraphQL request over real HTTP. */
export async function httpGraphQL<T = any>(
  baseUrl: string,
  token: string | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** A graphql-ws client over a real WebSocket, as the dashboard uses. */
export function wsClient(baseUrl: string, token: string | null): Client {
  return createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Collects what a subscription pushes, until `count` results or the timeout. */
export function collect<T = any>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): {
  results: GraphQLResponse<T>[];
  next(count: number, timeoutMs?: number): Promise<GraphQLResponse<T>[]>;
  error: Promise<unknown>;
  stop(): void;
} {
  const results: GraphQLResponse<T>[] = [];
  const waiters: (() => void)[] = [];
  let fail: (error: unknown) => void = () => {};
  const error = new Promise<unknown>((resolve) => (fail = resolve));
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        results.push({ status: 200, ...(value as object) } as GraphQLResponse<T>);
        for (const wake of waiters.splice(0)) wake();
      },
      error: (e) => fail(e),
      complete: () => {},
    },
  );
  return {
    results,
    error,
    stop,
    async next(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} results, got ${results.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return results.slice(0, count);
    },
  };
}
