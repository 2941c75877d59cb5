// GraphiQL for integrators at GET /graphql, bundled with the app: nothing is loaded from the
// internet. The token goes in the headers field; subscriptions use the same header as the
// WebSocket's `connectionParams.authorization`.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './graphiql.css';
import type { Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { type ExecutionResult, getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const DEFAULT_HEADERS = JSON.stringify({ Authorization: 'Bearer <your token>' }, null, 2);

const DEFAULT_QUERY = `# Radar's GraphQL API: your token goes in Headers
# (below); then run. Guide: docs/api.md
query Viewer {
  viewer {
    name
    role
  }
}
`;

function authorizationOf(headers: Record<string, unknown> | undefined): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization');
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

const webSocketUrl = () =>
  `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}/graphql`;

const fetcher: Fetcher = (params, options) => {
  const headers = (options?.headers ?? {}) as Record<string, string>;
  let operation: string | undefined;
  try {
    operation = getOperationAST(parse(params.query), params.operationName)?.operation;
  } catch {
    // Not valid GraphQL: the server says why.
  }
  if (operation === 'subscription') {
    const client = createClient({
      url: webSocketUrl,
      connectionParams: { authorization: authorizationOf(headers) },
      lazy: true,
      retryAttempts: 0,
    });
    return client.iterate({
      query: params.query,
      variables: params.variables ?? undefined,
      operationName: params.operationName ?? undefined,
    }) as AsyncIterable<ExecutionResult>;
  }
  return fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(params),
  }).then((response) => response.json());
};

/**
 * GraphiQL's tabs are `role="tab"` items holding their own buttons (axe: nested-interactive, a
 * tab must not contain controls): the tab role moves to each item's first button, the item
 * becomes presentational. Re-applied whenever GraphiQL renders its tabs again.
 */
function tabsWithoutNestedControls(container: HTMLElement) {
  const apply = () => {
    for (const item of container.querySelectorAll<HTMLElement>('li[role="tab"]')) {
      const button = item.querySelector<HTMLElement>('button');
      if (!button) continue;
      button.setAttribute('role', 'tab');
      button.setAttribute('aria-selected', item.getAttribute('aria-selected') ?? 'false');
      if (item.id && !button.id) button.id = item.id;
      item.setAttribute('role', 'none');
      item.removeAttribute('aria-selected');
      item.removeAttribute('id');
    }
  };
  new MutationObserver(apply).observe(container, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['role', 'aria-selected'],
  });
  apply();
}

const root = document.getElementById('graphiql');
if (root) {
  tabsWithoutNestedControls(root);
  createRoot(root).render(
    <StrictMode>
      <GraphiQL
        fetcher={fetcher}
        defaultQuery={DEFAULT_QUERY}
        defaultHeaders={DEFAULT_HEADERS}
        defaultEditorToolsVisibility="headers"
        shouldPersistHeaders
      />
    </StrictMode>,
  );
}
