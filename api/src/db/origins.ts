import type { AdFact } from '../domain/facts.js';
import { type OriginRule, originOf } from '../domain/origins.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/**
 * Decides again the origin of the cycles with ids in `(idAfter, idUpTo]`, from each one's first
 * customer message (notes left out), with `domain/origins.ts` as the derivation does: after the
 * first-message rules changed. A cycle with no customer message stays undecided (read as DIRECT).
 * One read and one write; rows that would not change are not written.
 */
export async function classifyOrigins(
  db: PrismaClient,
  rules: readonly OriginRule[],
  range: { idAfter: number; idUpTo: number },
): Promise<void> {
  const rows = await db.$queryRaw<
    {
      id: number;
      origin: string | null;
      origin_name: string | null;
      origin_source: string | null;
      text: string | null;
      ad: AdFact | null;
    }[]
  >`
    SELECT cy.id, cy.origin::text AS origin, cy.origin_name, cy.origin_source, f.text, f.ad
    FROM cycles cy
    JOIN LATERAL (
      SELECT m.text, m.ad FROM messages m
      WHERE m.conversation_id = cy.conversation_id AND m.sent_at >= cy.started_at
        AND (cy.closed_at IS NULL OR m.sent_at <= cy.closed_at)
        AND m.cycle_index = cy.index AND m.sender = 'CUSTOMER' AND NOT m.is_note
      ORDER BY m.sent_at, m.id LIMIT 1) f ON true
    WHERE cy.id > ${range.idAfter} AND cy.id <= ${range.idUpTo}`;
  const changed = rows.flatMap((row) => {
    const decided = originOf({ text: row.text, ad: row.ad }, rules);
    return decided.origin === row.origin &&
      decided.name === row.origin_name &&
      decided.source === row.origin_source
      ? []
      : [{ id: row.id, ...decided }];
  });
  if (changed.length === 0) return;
  await db.$executeRaw`
    UPDATE cycles c SET origin = x.origin::"OriginKind", origin_name = x.name, origin_source = x.source
    FROM jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) AS x(id int, origin text, name text, source text)
    WHERE c.id = x.id`;
}
