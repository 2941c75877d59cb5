import type { ConversationEventFact } from '../../domain/facts.js';
import { isLegacyFormEncoded, parseUmblerWebhook } from '../../domain/umbler.js';

interface Identity {
  eventId: string | null;
  type: string | null;
  /** The Umbler chat id, `Payload.Content.Id`, when readable. */
  conversationKey: string | null;
}

/** What a raw webhook body is, decided without touching the database. */
export type Classified =
  | (Identity & { kind: 'malformed' | 'legacy' | 'invalid' | 'ignored'; error: string })
  | { kind: 'event'; eventId: string; type: string; conversationKey: string; fact: ConversationEventFact };

const unidentified = { eventId: null, type: null, conversationKey: null };

export const LEGACY_FORMAT_ERROR =
  'This is the old uTalk form-encoded webhook format, which Radar does not support. ' +
  "Register Radar's URL as an Umbler Talk webhook (app-utalk.umbler.com), which sends JSON.";

export function classify(rawBody: string): Classified {
  if (isLegacyFormEncoded(rawBody)) return { kind: 'legacy', ...unidentified, error: LEGACY_FORMAT_ERROR };
  let body: unknown;
  try {
    body = JSON.parse(rawBody.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      kind: 'malformed',
      ...unidentified,
      error: `The body is not valid JSON: ${(error as Error).message}`,
    };
  }
  const result = parseUmblerWebhook(body);
  switch (result.kind) {
    case 'event':
      return {
        kind: 'event',
        eventId: result.eventId,
        type: result.type,
        conversationKey: result.fact.conversationExternalId,
        fact: result.fact,
      };
    case 'ignored':
    case 'invalid': {
      const { eventId, type } = result;
      const error = result.kind === 'ignored' ? result.reason : result.error;
      return { kind: result.kind, eventId, type, conversationKey: chatId(body), error };
    }
  }
}

/** `Payload.Content.Id`, keys read case-insensitively like the parser does. */
function chatId(body: unknown): string | null {
  let value = body;
  for (const key of ['payload', 'content', 'id']) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    value = Object.entries(value).find(([name]) => name.toLowerCase() === key)?.[1];
  }
  return typeof value === 'string' && value !== '' ? value : null;
}
