import { execute, type GraphQLSchema, parse, validate } from 'graphql';
import type { Viewer } from '../../auth.js';
import { type App, createContext } from '../../context.js';
import { maskPhone } from '../../logger.js';
import { factToInput } from '../../schema/ingest.js';
import { classify } from './classify.js';

export const webhookViewer: Viewer = { role: 'INTEGRATOR', name: 'umbler-webhook', tokenId: null };

export type Outcome = { status: 'PROCESSED' | 'IGNORED' | 'FAILED'; error: string | null };

const recordDocument = parse(`
  mutation RecordUmblerEvent($input: RecordConversationEventInput!) {
    recordConversationEvent(input: $input) { id }
  }
`);

/** Fails at start, not on the first event, if the ingest mutation and this shim drift apart. */
export function assertIngestMutation(schema: GraphQLSchema): void {
  const errors = validate(schema, recordDocument);
  if (errors.length > 0) {
    throw new Error(`The Umbler shim's mutation no longer fits the schema: ${errors.map((e) => e.message)}`);
  }
}

/**
 * Applies one stored body through `recordConversationEvent`, the same mutation integrators call.
 * Never throws: every failure becomes a FAILED outcome an admin can read and replay.
 */
export async function processBody(app: App, schema: GraphQLSchema, rawBody: string): Promise<Outcome> {
  const classified = classify(rawBody);
  switch (classified.kind) {
    case 'ignored':
      return { status: 'IGNORED', error: classified.error };
    case 'malformed':
    case 'legacy':
    case 'invalid':
      return { status: 'FAILED', error: classified.error };
  }
  try {
    const result = await execute({
      schema,
      document: recordDocument,
      variableValues: { input: factToInput(classified.eventId, classified.fact) },
      contextValue: createContext(app, webhookViewer),
    });
    if (result.errors?.length) {
      return { status: 'FAILED', error: result.errors.map((error) => error.message).join('; ') };
    }
    return { status: 'PROCESSED', error: null };
  } catch (error) {
    return { status: 'FAILED', error: error instanceof Error ? error.message : String(error) };
  }
}

/** Database error messages may quote the values they choke on: mask phone numbers before logging. */
export function loggableError(error: string | null): string | null {
  if (error === null) return null;
  return error.replace(/\+?\d[\d ()-]{8,}\d/g, (digits) => maskPhone(digits) ?? '***').slice(0, 500);
}
