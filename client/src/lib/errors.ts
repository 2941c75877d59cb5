import type { CombinedError } from 'urql';

/** An HTTP 401, or a GraphQL error whose `extensions.code` is UNAUTHENTICATED. */
export function isUnauthenticated(error: CombinedError | null | undefined): boolean {
  if (!error) return false;
  const status = (error.response as { status?: number } | undefined)?.status;
  if (status === 401) return true;
  return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}
