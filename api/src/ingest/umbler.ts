import { futureDateError, withoutNul } from '../domain/facts.js';
import { isLegacyFormEncoded, MAX_ID_LENGTH, parseUmblerWebhook } from '../domain/umbler.js';
import type { Parsed } from './sources.js';

/** Real bodies nest 5 levels; anything past this is hostile and would exhaust the stack. */
export const MAX_NESTING = 64;

const unidentified = { eventId: null, type: null, conversationKey: null };

export const LEGACY_FORMAT_ERROR =
  'This is the old uTalk form-encoded webhook format, which Radar does not support. ' +
  "Register Radar's URL as an Umbler Talk webhook (app-utalk.umbler.com), which sends JSON.";

/** An Umbler Talk webhook body: JSON, keys in any case (see `domain/umbler.ts`). */
export function parseUmbler(rawBody: string, now = new Date()): Parsed {
  if (isLegacyFormEncoded(rawBody)) return { kind: 'legacy', ...unidentified, error: LEGACY_FORMAT_ERROR };
  const depth = nestingDepth(rawBody);
  if (depth > MAX_NESTING) {
    return {
      kind: 'invalid',
      ...unidentified,
      error: `The body nests ${depth} levels deep; at most ${MAX_NESTING} are accepted.`,
    };
  }
  let body: unknown;
  try {
    // Postgres text cannot hold NUL: a `\u0000` in a value becomes U+FFFD, the rest is kept.
    const text = rawBody.replace(/^\uFEFF/, '');
    body = text.includes('\\u0000')
      ? JSON.parse(text, (_key, value) => (typeof value === 'string' ? withoutNul(value) : value))
      : JSON.parse(text);
  } catch (error) {
    return {
      kind: 'malformed',
      ...unidentified,
      error: `The body is not valid JSON: ${(error as Error).message}`,
    };
  }
  const result = parseUmblerWebhook(body);
  switch (result.kind) {
    case 'event': {
      const future = futureDateError(result.fact, now);
      if (future) {
        const { eventId, type } = result;
        return {
          kind: 'invalid',
          eventId,
          type,
          conversationKey: result.fact.conversationExternalId,
          error: future,
        };
      }
      return {
        kind: 'event',
        eventId: result.eventId,
        type: result.type,
        conversationKey: result.fact.conversationExternalId,
        fact: result.fact,
      };
    }
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
  return typeof value === 'string' && value !== '' && value.length <= MAX_ID_LENGTH ? value : null;
}

/** How deep arrays and objects nest, counted without parsing (strings skipped). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
