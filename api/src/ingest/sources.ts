import type { ConversationEventFact } from '../domain/facts.js';
import { parseUmbler } from './umbler.js';

interface Identity {
  eventId: string | null;
  type: string | null;
  /** The platform's conversation id, when readable. */
  conversationKey: string | null;
}

/** What a raw body is, decided without touching the database. */
export type Parsed =
  | (Identity & { kind: 'malformed' | 'legacy' | 'invalid' | 'ignored'; error: string })
  | { kind: 'event'; eventId: string; type: string; conversationKey: string; fact: ConversationEventFact };

/** A chat platform's parser: a second platform is one more entry here and a receiver route. */
export type Parser = (rawBody: string, now?: Date) => Parsed;

export const parsers: Readonly<Record<string, Parser>> = { umbler: parseUmbler };

export type Source = keyof typeof parsers;

export function parserOf(source: string): Parser | null {
  return Object.hasOwn(parsers, source) ? (parsers[source] as Parser) : null;
}
