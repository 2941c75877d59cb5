import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

type Operation<T, V> = TypedDocumentNode<T, V> | DocumentNode | string;

const text = (operation: Operation<unknown, unknown>) =>
  typeof operation === 'string' ? operation : print(operation);

/** One GraphQL request over real HTTP (typed when given a codegen document). */
export async function httpGraphQL<T = any, V = Record<string, unknown>>(
  baseUrl: string,
  token: string | null,
  operation: Operation<T, V>,
  variables?: V,
): Promise<GraphQLResponse<T>> {
  const query = text(operation);
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
export function collect<T = any, V = Record<string, unknown>>(
  client: Client,
  operation: Operation<T, V>,
  variables?: V,
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
    { query: text(operation), variables: (variables ?? {}) as Record<string, unknown> },
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
