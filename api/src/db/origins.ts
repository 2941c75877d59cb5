import { Prisma, type PrismaClient } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient | PrismaClient;

/**
 * Which cycles a classification covers: the undecided ones of some conversations (after a batch),
 * or every cycle in an id range (after the rules changed).
 */
export type OriginScope = { undecidedOf: number[] } | { idAfter: number; idUpTo: number };

/**
 * Decides each cycle's origin from its first customer message (notes left out): `AD` when that
 * message carried an ad, else the first rule (by position) whose pattern its text contains,
 * case-insensitively, else `DIRECT`. A cycle with no customer message yet stays undecided (read as
 * `DIRECT`) while open, and is `DIRECT` once closed. One statement; rows that would not change are
 * not written.
 */
export async function classifyOrigins(tx: Tx, scope: OriginScope): Promise<void> {
  const which =
    'undecidedOf' in scope
      ? Prisma.sql`cy.origin IS NULL AND cy.conversation_id IN (
          SELECT (jsonb_array_elements_text(${JSON.stringify(scope.undecidedOf)}::jsonb))::int)`
      : Prisma.sql`cy.id > ${scope.idAfter} AND cy.id <= ${scope.idUpTo}`;
  await tx.$executeRaw`
    UPDATE cycles c SET origin = d.origin, origin_name = d.name, origin_source = d.source
    FROM (
      SELECT cy.id,
             CASE WHEN f.ad IS NOT NULL THEN 'AD' ELSE coalesce(r.origin::text, 'DIRECT') END::"OriginKind" AS origin,
             CASE WHEN f.ad IS NOT NULL THEN f.ad->>'name' ELSE r.name END AS name,
             CASE WHEN f.ad IS NOT NULL THEN f.ad->>'source' END AS source
      FROM cycles cy
      LEFT JOIN LATERAL (
        SELECT true AS found, m.ad, m.text FROM messages m
        WHERE m.conversation_id = cy.conversation_id AND m.sent_at >= cy.started_at
          AND (cy.closed_at IS NULL OR m.sent_at <= cy.closed_at)
          AND m.cycle_index = cy.index AND m.sender = 'CUSTOMER' AND NOT m.is_note
        ORDER BY m.sent_at, m.id LIMIT 1) f ON true
      LEFT JOIN LATERAL (
        SELECT r.origin, r.name FROM origin_rules r
        WHERE f.ad IS NULL AND f.text IS NOT NULL AND strpos(lower(f.text), lower(r.pattern)) > 0
        ORDER BY r.position, r.id LIMIT 1) r ON true
      WHERE ${which} AND (f.found OR cy.closed_at IS NOT NULL)
    ) d
    WHERE c.id = d.id AND (c.origin IS DISTINCT FROM d.origin OR c.origin_name IS DISTINCT FROM d.name
                           OR c.origin_source IS DISTINCT FROM d.source)`;
}
