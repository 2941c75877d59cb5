import type { AdFact } from './facts.js';

export type OriginKind = 'AD' | 'WEBSITE' | 'OTHER' | 'DIRECT';

/** An admin's first-message rule (`origin_rules`). */
export interface OriginRule {
  id: number;
  position: number;
  pattern: string;
  origin: OriginKind;
  name: string | null;
}

/** What of a cycle's first customer message decides its origin. */
export interface Opening {
  text: string | null;
  ad: AdFact | null;
}

export interface Origin {
  origin: OriginKind;
  name: string | null;
  source: string | null;
}

/** Rules in the order they are tried: position, then creation. */
export const inRuleOrder = (rules: readonly OriginRule[]): OriginRule[] =>
  [...rules].sort((a, b) => a.position - b.position || a.id - b.id);

/** Composed (a pattern typed on macOS comes decomposed), then lower case. */
const folded = (text: string) => text.normalize('NFC').toLocaleLowerCase('pt-BR');

/**
 * A cycle's origin from its first customer message: `AD` when it carried an ad, else the first
 * rule (in `inRuleOrder`) whose pattern its text contains, case-insensitively, else `DIRECT`.
 */
export function originOf(opening: Opening, rules: readonly OriginRule[]): Origin {
  if (opening.ad) return { origin: 'AD', name: opening.ad.name, source: opening.ad.source };
  const text = opening.text === null ? null : folded(opening.text);
  const rule = text === null ? undefined : rules.find((r) => text.includes(folded(r.pattern)));
  return rule
    ? { origin: rule.origin, name: rule.name, source: null }
    : { origin: 'DIRECT', name: null, source: null };
}
