import type { ConversationEventFact, MessageFact, NamedRef } from '../domain/facts.js';
import type { Prisma } from '../generated/prisma/client.js';
import { type Current, type NewFacts, noFacts, rederive } from './derive-batch.js';

type Tx = Prisma.TransactionClient;

/** One event to apply: `key` makes it idempotent (the platform's event id). */
export interface IngestInput {
  key: string;
  fact: ConversationEventFact;
}

export interface BatchWritten {
  /** The conversation of each input, in input order. */
  conversationIds: number[];
  /** Messages Radar did not have before this batch. */
  newMessages: { conversationId: number; messageId: number }[];
}

/** What `conversations` holds as current state: moved only by newer snapshots. */
interface State {
  stateAt: number;
  contact: string | null;
  assignee: string | null;
  sector: string | null;
  channelName: string | null;
  internal: boolean;
  open: boolean;
  private: boolean;
  botActive: boolean;
  tags: NamedRef[] | null;
}

interface StoredConversation {
  id: number;
  external_id: string;
  state_at: Date;
  contact: string | null;
  contact_id: number | null;
  assignee: string | null;
  assignee_id: number | null;
  sector: string | null;
  sector_id: number | null;
  channel_name: string | null;
  internal: boolean;
  open: boolean;
  private: boolean;
  bot_active: boolean;
}

const json = (value: unknown) => JSON.stringify(value);

/** Keeps the last name given to a reference (a missing name never erases a known one). */
const named = (into: Map<string, string | null>, ref: NamedRef) =>
  into.set(ref.externalId, ref.name ?? into.get(ref.externalId) ?? null);

/**
 * Applies a batch of events in the caller's transaction with a fixed number of statements,
 * whatever the batch holds: facts are added to the history idempotently, current state moves
 * only forward in time (each event applied in input order, exactly as one at a time), and each
 * touched conversation's derived data is recomputed once.
 */
export async function writeBatch(tx: Tx, inputs: IngestInput[], timeZone: string): Promise<BatchWritten> {
  if (inputs.length === 0) return { conversationIds: [], newMessages: [] };
  const chats = [...new Set(inputs.map((input) => input.fact.conversationExternalId))].sort();

  // Two instances may hold events of one conversation: each conversation is written by one at a time.
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(hashtext(k))
    FROM (SELECT jsonb_array_elements_text(${json(chats)}::jsonb) AS k ORDER BY 1) AS keys`;

  const stored = await tx.$queryRaw<StoredConversation[]>`
    SELECT c.id, c.external_id, c.state_at, ct.external_id AS contact, c.contact_id, a.external_id AS assignee,
           c.assignee_id, s.external_id AS sector, c.sector_id, c.channel_name, c.internal, c.open, c.private,
           c.bot_active
    FROM conversations c
    LEFT JOIN contacts ct ON ct.id = c.contact_id
    LEFT JOIN agents a ON a.id = c.assignee_id
    LEFT JOIN sectors s ON s.id = c.sector_id
    WHERE c.external_id IN (SELECT jsonb_array_elements_text(${json(chats)}::jsonb))`;
  const storedByChat = new Map(stored.map((row) => [row.external_id, row]));

  // Current state: the same fold, event by event, that applying them one at a time would do.
  const states = new Map<string, State>();
  const contacts = new Map<
    string,
    { name: string | null; phone_number: string | null; kind: string; update: boolean }
  >();
  const tags = new Map<string, string | null>();
  const firstSeenAt = new Map<string, Date>();
  for (const { fact } of inputs) {
    const chat = fact.conversationExternalId;
    let state = states.get(chat);
    if (!state) {
      state = initialState(storedByChat.get(chat));
      states.set(chat, state);
      if (!storedByChat.has(chat)) firstSeenAt.set(chat, fact.occurredAt);
    }
    const isNewest = fact.occurredAt.getTime() >= state.stateAt;
    if (fact.contact) {
      const { externalId, name, phoneNumber, kind } = fact.contact;
      const known = contacts.get(externalId);
      if (isNewest || !known)
        contacts.set(externalId, { name, phone_number: phoneNumber, kind, update: isNewest });
    }
    if (!isNewest) continue;
    state.stateAt = fact.occurredAt.getTime();
    if (fact.contact) {
      state.contact = fact.contact.externalId;
      state.internal = fact.contact.kind === 'INTERNAL';
    }
    if (fact.assigneeExternalId !== undefined) state.assignee = fact.assigneeExternalId;
    if (fact.sector !== undefined) state.sector = fact.sector?.externalId ?? null;
    if (fact.channel?.name != null) state.channelName = fact.channel.name;
    if (fact.open !== undefined) state.open = fact.open;
    if (fact.private !== undefined) state.private = fact.private;
    if (fact.botActive !== undefined) state.botActive = fact.botActive;
    if (fact.tags) {
      state.tags = fact.tags;
      for (const tag of fact.tags) named(tags, tag);
    }
  }

  // Reference rows (agents, contacts, sectors, tags) in one statement, their ids back.
  const agents = new Set<string>();
  const sectors = new Map<string, string | null>();
  for (const { fact } of inputs) {
    if (fact.assigneeExternalId) agents.add(fact.assigneeExternalId);
    if (fact.message?.agentExternalId) agents.add(fact.message.agentExternalId);
    if (fact.sector) named(sectors, fact.sector);
  }
  const entries = (map: Map<string, string | null>) =>
    [...map].map(([external_id, name]) => ({ external_id, name }));
  const contactRows = [...contacts].map(([external_id, c]) => ({ external_id, ...c }));
  const refs = await tx.$queryRaw<{ kind: string; id: number; external_id: string }[]>`
    WITH
      a_in AS (SELECT DISTINCT jsonb_array_elements_text(${json([...agents])}::jsonb) AS external_id),
      a_new AS (
        INSERT INTO agents (external_id) SELECT external_id FROM a_in
        ON CONFLICT (external_id) DO NOTHING RETURNING id, external_id),
      s_up AS (
        INSERT INTO sectors (external_id, name)
        SELECT external_id, name FROM jsonb_to_recordset(${json(entries(sectors))}::jsonb) AS x(external_id text, name text)
        ON CONFLICT (external_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, sectors.name)
        RETURNING id, external_id),
      t_up AS (
        INSERT INTO tags (external_id, name)
        SELECT external_id, name FROM jsonb_to_recordset(${json(entries(tags))}::jsonb) AS x(external_id text, name text)
        ON CONFLICT (external_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, tags.name)
        RETURNING id, external_id),
      c_in AS (
        SELECT * FROM jsonb_to_recordset(${json(contactRows)}::jsonb)
          AS x(external_id text, name text, phone_number text, kind text, update boolean)),
      c_up AS (
        INSERT INTO contacts (external_id, name, phone_number, kind)
        SELECT external_id, name, phone_number, kind::"ContactKind" FROM c_in WHERE update
        ON CONFLICT (external_id) DO UPDATE
          SET name = EXCLUDED.name, phone_number = EXCLUDED.phone_number, kind = EXCLUDED.kind
        RETURNING id, external_id),
      c_new AS (
        INSERT INTO contacts (external_id, name, phone_number, kind)
        SELECT external_id, name, phone_number, kind::"ContactKind" FROM c_in WHERE NOT update
        ON CONFLICT (external_id) DO NOTHING RETURNING id, external_id)
    SELECT 'agent' AS kind, id, external_id FROM a_new
    UNION ALL SELECT 'agent', id, external_id FROM agents WHERE external_id IN (SELECT external_id FROM a_in)
    UNION ALL SELECT 'sector', id, external_id FROM s_up
    UNION ALL SELECT 'tag', id, external_id FROM t_up
    UNION ALL SELECT 'contact', id, external_id FROM c_up
    UNION ALL SELECT 'contact', id, external_id FROM c_new
    UNION ALL SELECT 'contact', id, external_id FROM contacts
      WHERE external_id IN (SELECT external_id FROM c_in WHERE NOT update)`;
  const ids = {
    agent: new Map<string, number>(),
    sector: new Map(),
    tag: new Map(),
    contact: new Map(),
  } as Record<string, Map<string, number>>;
  for (const row of stored) {
    if (row.contact) ids.contact!.set(row.contact, row.contact_id as number);
    if (row.assignee) ids.agent!.set(row.assignee, row.assignee_id as number);
    if (row.sector) ids.sector!.set(row.sector, row.sector_id as number);
  }
  for (const row of refs) ids[row.kind]!.set(row.external_id, row.id);
  const idOf = (kind: string, externalId: string | null) =>
    externalId === null ? null : (ids[kind]!.get(externalId) ?? null);

  const conversationRows = [...states].map(([chat, s]) => ({
    external_id: chat,
    contact_id: idOf('contact', s.contact),
    assignee_id: idOf('agent', s.assignee),
    sector_id: idOf('sector', s.sector),
    channel_name: s.channelName,
    internal: s.internal,
    open: s.open,
    private: s.private,
    bot_active: s.botActive,
    state_at: new Date(s.stateAt),
    last_activity_at: firstSeenAt.get(chat) ?? null,
  }));
  // What derivation reads of each conversation comes back with the upsert (no statement of its own).
  const conversations = await tx.$queryRaw<(Current & { external_id: string })[]>`
    INSERT INTO conversations (external_id, contact_id, assignee_id, sector_id, channel_name, internal, open,
                               private, bot_active, state_at, last_activity_at)
    SELECT external_id, contact_id, assignee_id, sector_id, channel_name, internal, open, private, bot_active,
           state_at, COALESCE(last_activity_at, state_at)
    FROM jsonb_to_recordset(${json(conversationRows)}::jsonb) AS x(
      external_id text, contact_id int, assignee_id int, sector_id int, channel_name text, internal boolean,
      open boolean, private boolean, bot_active boolean, state_at timestamptz, last_activity_at timestamptz)
    ON CONFLICT (external_id) DO UPDATE SET
      contact_id = EXCLUDED.contact_id, assignee_id = EXCLUDED.assignee_id, sector_id = EXCLUDED.sector_id,
      channel_name = EXCLUDED.channel_name, internal = EXCLUDED.internal, open = EXCLUDED.open,
      private = EXCLUDED.private, bot_active = EXCLUDED.bot_active, state_at = EXCLUDED.state_at
    RETURNING id, external_id, sector_id AS "sectorId", open, assignee_id AS "assigneeId", bot_active AS "botActive",
              internal, last_activity_at AS "lastActivityAt", timeline_state AS "timelineState"`;
  const conversationId = new Map(conversations.map((row) => [row.external_id, row.id]));
  const idOfChat = (chat: string) => conversationId.get(chat) as number;

  // Tags, messages, signatures and the history facts: one statement.
  const retagged = [...states].filter(([, s]) => s.tags !== null).map(([chat]) => idOfChat(chat));
  const tagLinks = [...states].flatMap(([chat, s]) =>
    (s.tags ?? []).map((tag) => ({ conversation_id: idOfChat(chat), tag_id: idOf('tag', tag.externalId) })),
  );
  const messages = mergeMessages(inputs);
  const messageRows = [...messages.values()].map(({ chat, message: m }) => ({
    external_id: m.externalId,
    conversation_id: idOfChat(chat),
    sent_at: m.sentAt,
    sender: m.sender,
    is_note: m.isNote,
    agent_id: idOf('agent', m.agentExternalId),
    type: m.type,
    text: m.text,
    file_url: m.file?.url ?? null,
    file_content_type: m.file?.contentType ?? null,
    file_name: m.file?.name ?? null,
    file_size_bytes: m.file?.sizeBytes ?? null,
    ad: m.ad,
  }));
  const signatures = new Map<number, { id: number; name: string; at: Date }>();
  for (const { fact } of inputs) {
    const m = fact.message;
    const agent = m?.agentExternalId ? idOf('agent', m.agentExternalId) : null;
    if (!m?.signatureName || agent === null) continue;
    const known = signatures.get(agent);
    if (!known || known.at <= m.sentAt)
      signatures.set(agent, { id: agent, name: m.signatureName, at: m.sentAt });
  }
  const observations = inputs.flatMap(({ key, fact }) =>
    fact.assigneeExternalId === undefined
      ? []
      : [
          {
            conversation_id: idOfChat(fact.conversationExternalId),
            event_key: key,
            at: fact.occurredAt,
            agent_id: idOf('agent', fact.assigneeExternalId),
          },
        ],
  );
  const closes = inputs.flatMap(({ fact }) =>
    fact.closedAt
      ? [{ conversation_id: idOfChat(fact.conversationExternalId), closed_at: fact.closedAt }]
      : [],
  );
  const changes = inputs.flatMap(({ key, fact }) =>
    timelineChanges(fact).map((change) => ({
      conversation_id: idOfChat(fact.conversationExternalId),
      event_key: key,
      at: fact.occurredAt,
      ...change,
    })),
  );
  // Its rows: the batch's messages (with whether each was inserted) and the new history facts.
  const rows = await tx.$queryRaw<
    (
      | {
          fact: 'message';
          id: number;
          external_id: string;
          conversation_id: number;
          inserted: boolean;
          at: Date;
          sender: 'CUSTOMER' | 'AGENT' | 'BOT' | 'OTHER';
          is_note: boolean;
          agent_id: number | null;
        }
      | { fact: 'assignee' | 'close'; conversation_id: number; at: Date; agent_id: number | null }
    )[]
  >`
    WITH
      links AS (SELECT * FROM jsonb_to_recordset(${json(tagLinks)}::jsonb) AS x(conversation_id int, tag_id int)),
      untag AS (
        DELETE FROM conversation_tags ct
        WHERE ct.conversation_id IN (SELECT (jsonb_array_elements_text(${json(retagged)}::jsonb))::int)
          AND NOT EXISTS (SELECT 1 FROM links l WHERE l.conversation_id = ct.conversation_id AND l.tag_id = ct.tag_id)),
      tag AS (INSERT INTO conversation_tags (conversation_id, tag_id) SELECT conversation_id, tag_id FROM links
              ON CONFLICT DO NOTHING),
      signature AS (
        UPDATE agents a SET signature_name = x.name, signature_at = x.at
        FROM jsonb_to_recordset(${json([...signatures.values()])}::jsonb) AS x(id int, name text, at timestamptz)
        WHERE a.id = x.id AND (a.signature_at IS NULL OR a.signature_at <= x.at)),
      message AS (
    INSERT INTO messages (external_id, conversation_id, sent_at, sender, is_note, agent_id, type, text,
                          file_url, file_content_type, file_name, file_size_bytes, ad)
    SELECT external_id, conversation_id, sent_at, sender::"SenderKind", is_note, agent_id, type, text,
           file_url, file_content_type, file_name, file_size_bytes, ad
    FROM jsonb_to_recordset(${json(messageRows)}::jsonb) AS x(
      external_id text, conversation_id int, sent_at timestamptz, sender text, is_note boolean, agent_id int,
      type text, text text, file_url text, file_content_type text, file_name text, file_size_bytes bigint,
      ad jsonb)
    ON CONFLICT (external_id) DO UPDATE SET
      file_url = EXCLUDED.file_url, file_content_type = EXCLUDED.file_content_type,
      file_name = EXCLUDED.file_name, file_size_bytes = EXCLUDED.file_size_bytes
      WHERE messages.file_url IS NULL AND EXCLUDED.file_url IS NOT NULL
    RETURNING id, external_id, conversation_id, (xmax = 0) AS inserted, sent_at, sender::text AS sender, is_note,
              agent_id),
      -- The history, and what of it is new: the facts derivation folds in.
      observation AS (
        INSERT INTO assignee_observations (conversation_id, event_key, at, agent_id)
        SELECT conversation_id, event_key, at, agent_id
        FROM jsonb_to_recordset(${json(observations)}::jsonb) AS x(conversation_id int, event_key text, at timestamptz, agent_id int)
        ON CONFLICT DO NOTHING RETURNING conversation_id, at, agent_id),
      close AS (
        INSERT INTO conversation_closes (conversation_id, closed_at)
        SELECT conversation_id, closed_at FROM jsonb_to_recordset(${json(closes)}::jsonb) AS x(conversation_id int, closed_at timestamptz)
        ON CONFLICT DO NOTHING RETURNING conversation_id, closed_at),
      change AS (
        INSERT INTO conversation_changes (conversation_id, event_key, kind, at, detail)
        SELECT conversation_id, event_key, kind::"ChangeKind", at, detail
        FROM jsonb_to_recordset(${json(changes)}::jsonb) AS x(conversation_id int, event_key text, kind text, at timestamptz, detail jsonb)
        ON CONFLICT DO NOTHING)
    SELECT 'message' AS fact, id, external_id, conversation_id, inserted, sent_at AS at, sender, is_note, agent_id
    FROM message
    UNION ALL SELECT 'assignee', NULL, NULL, conversation_id, NULL, at, NULL, NULL, agent_id FROM observation
    UNION ALL SELECT 'close', NULL, NULL, conversation_id, NULL, closed_at, NULL, NULL, NULL FROM close`;
  type Row = (typeof rows)[number];
  const written = rows.filter((row): row is Extract<Row, { fact: 'message' }> => row.fact === 'message');
  const history = rows.filter((row): row is Exclude<Row, { fact: 'message' }> => row.fact !== 'message');
  const added = new Map<number, NewFacts>([...conversationId.values()].map((id) => [id, noFacts()]));
  const agentKey = (id: number | null) => (id === null ? null : String(id));
  for (const row of written) {
    if (!row.inserted) continue;
    const facts = added.get(row.conversation_id);
    facts?.messages.push({
      key: String(row.id),
      sentAt: row.at,
      sender: row.sender,
      isNote: row.is_note,
      agentId: agentKey(row.agent_id),
    });
    // What a customer's message says of where they came from, should it open a cycle.
    const message = messages.get(row.external_id)?.message;
    if (row.sender === 'CUSTOMER' && !row.is_note && message) {
      facts?.openings.set(String(row.id), { text: message.text, ad: message.ad });
    }
  }
  for (const row of history) {
    const facts = added.get(row.conversation_id);
    if (row.fact === 'assignee') facts?.assignees.push({ at: row.at, agentId: agentKey(row.agent_id) });
    else facts?.closes.push({ at: row.at });
  }
  await rederive(tx, added, timeZone, conversations);
  return {
    conversationIds: inputs.map((input) => idOfChat(input.fact.conversationExternalId)),
    newMessages: written
      .filter((row) => row.inserted)
      .map((row) => ({ conversationId: row.conversation_id, messageId: row.id })),
  };
}

function initialState(stored: StoredConversation | undefined): State {
  if (!stored) {
    return {
      stateAt: Number.NEGATIVE_INFINITY,
      contact: null,
      assignee: null,
      sector: null,
      channelName: null,
      internal: false,
      open: true,
      private: false,
      botActive: false,
      tags: null,
    };
  }
  return {
    stateAt: stored.state_at.getTime(),
    contact: stored.contact,
    assignee: stored.assignee,
    sector: stored.sector,
    channelName: stored.channel_name,
    internal: stored.internal,
    open: stored.open,
    private: stored.private,
    botActive: stored.bot_active,
    tags: null,
  };
}

/**
 * One row per message id: the first delivery's content, and a file from a later one when the
 * first had no URL yet (a `MessageFileUploaded` after its `Message`).
 */
function mergeMessages(inputs: IngestInput[]) {
  const merged = new Map<string, { chat: string; message: MessageFact }>();
  for (const { fact } of inputs) {
    const message = fact.message;
    if (!message) continue;
    const known = merged.get(message.externalId);
    if (!known) merged.set(message.externalId, { chat: fact.conversationExternalId, message });
    else if (!known.message.file?.url && message.file?.url) {
      merged.set(message.externalId, { ...known, message: { ...known.message, file: message.file } });
    }
  }
  return merged;
}

function timelineChanges(fact: ConversationEventFact) {
  const changes: { kind: 'SECTOR_CHANGED' | 'TAGS_CHANGED' | 'PRIVATE_CHANGED'; detail: unknown }[] = [];
  if (fact.changes.includes('SECTOR_CHANGED') && fact.sector !== undefined) {
    changes.push({ kind: 'SECTOR_CHANGED', detail: { sector: fact.sector ? { ...fact.sector } : null } });
  }
  if (fact.changes.includes('TAGS_CHANGED') && fact.tags) {
    changes.push({ kind: 'TAGS_CHANGED', detail: { tags: fact.tags.map((tag) => ({ ...tag })) } });
  }
  if (fact.changes.includes('PRIVATE_CHANGED') && fact.private !== undefined) {
    changes.push({ kind: 'PRIVATE_CHANGED', detail: { private: fact.private } });
  }
  return changes;
}
