import { createHash } from 'node:crypto';
import type { Delivery } from '../../test/scenario-data.js';

// Made-up and time-shifted Umbler traffic, for `pnpm simulate` and demos.

const ISO_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z$/;

/**
 * Moves every ISO timestamp in the bodies by one whole number of seconds, so fractions keep their
 * exact digits and ids stay as they are.
 */
export function shiftToNow(deliveries: readonly Delivery[], endNow: boolean, now = Date.now()): Delivery[] {
  if (deliveries.length === 0) return [];
  const anchor = endNow ? Math.max(...deliveries.map((d) => d.deliverAtMs)) : deliveries[0]!.deliverAtMs;
  const offset = Math.round((now - anchor) / 1000) * 1000;
  const shift = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const match = ISO_TIMESTAMP.exec(value);
      if (!match) return value;
      const seconds = new Date(Date.parse(`${match[1]}Z`) + offset).toISOString().slice(0, 19);
      return `${seconds}${match[2] ?? ''}Z`;
    }
    if (Array.isArray(value)) return value.map(shift);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shift(inner)]));
    }
    return value;
  };
  return deliveries.map((d) => ({ ...d, deliverAtMs: d.deliverAtMs + offset, body: shift(d.body) }));
}

const AGENTS = ['Amanda', 'Bruno', 'Carla', 'Diego', 'Fernanda'].map((name) => ({
  name,
  id: stableId(`agent ${name}`),
}));
const FIRST_NAMES = [
  'Ana',
  'João',
  'Maria',
  'Pedro',
  'Juliana',
  'Lucas',
  'Beatriz',
  'Rafael',
  'Camila',
  'Thiago',
];
const LAST_NAMES = ['Silva', 'Souza', 'Oliveira', 'Lima', 'Costa', 'Pereira', 'Almeida', 'Ribeiro'];
const CUSTOMER_LINES = [
  'Oi, boa tarde',
  'Queria saber o status do meu pedido',
  'Ainda não recebi o código de rastreio',
  'Pode me ajudar?',
  'Ok, obrigado',
  'Perfeito!',
];
const AGENT_LINES = [
  'Olá! Tudo bem? Vou verificar para você.',
  'Um momento, por favor.',
  'Seu pedido já foi enviado, o código chega por e-mail hoje.',
  'Posso ajudar em algo mais?',
];

export interface TrafficOptions {
  /** The same seed makes the same traffic (ids, names, times). */
  seed?: number;
  /** Shares of chats (0 to 1) that a bot greets first, that get an internal note, that are
   * transferred to a second agent, and that the customer reopens after the close. */
  bots?: number;
  notes?: number;
  transfers?: number;
  reopens?: number;
  /** Shares of deliveries that Umbler retries minutes later (attempt 2), or sends twice at once. */
  retries?: number;
  duplicates?: number;
}

const defaults: Required<Omit<TrafficOptions, 'seed'>> = {
  bots: 0.3,
  notes: 0.2,
  transfers: 0.15,
  reopens: 0.1,
  retries: 0.03,
  duplicates: 0.02,
};

/** mulberry32: small, fast, and the same numbers for the same seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let random: () => number = Math.random;

/**
 * Plausible traffic for `chats` customer conversations starting over the first two thirds of
 * about `durationMs`: a customer writes (some are greeted by a bot first), the chat is assigned,
 * customer and agent take turns (with internal notes, and transfers to another agent), the chat
 * closes and is sometimes reopened; some deliveries are retried later or sent twice, as Umbler
 * does. Times start at `now`, so it plays in real time at speed 1.
 */
export function generateTraffic(
  chats: number,
  durationMs: number,
  now: number,
  options: TrafficOptions = {},
): Delivery[] {
  const share = { ...defaults, ...options };
  random = options.seed === undefined ? Math.random : seeded(options.seed);
  const deliveries: Delivery[] = [];
  // From `now`, not the wall clock: the same seed gives the same ids whenever it runs.
  const organization = umblerId(now);
  const channel = {
    Id: umblerId(now),
    Name: 'Atendimento',
    PhoneNumber: '+551140000000',
    ChannelType: 'WhatsappApi',
  };
  const sector = { Id: stableId('sector'), Name: 'Geral', Default: true, Order: 0 };
  const step = (min: number, max: number) => (min + random() * (max - min)) * (durationMs / 2_400_000);

  for (let n = 0; n < chats; n++) {
    let at = now + random() * durationMs * (2 / 3);
    const chatId = umblerId(at);
    const createdAt = iso(at);
    const contact = {
      Id: umblerId(at),
      Name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
      PhoneNumber: `+55119${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
      ContactType: 'DirectMessage',
      Tags: [],
    };
    let agent = pick(AGENTS);
    let assignee: typeof agent | null = null;
    let bots: { Status: string; BotId: string }[] = [];
    let open = true;
    let closedAt: string | null = null;
    let waitingSince: string | null = null;
    let lastMessage: Record<string, unknown> | null = null;

    const emit = (type: string, extra: Record<string, unknown> = {}) => {
      deliveries.push({
        deliverAtMs: Math.round(at) + 200,
        attempt: 1,
        body: {
          Type: type,
          EventDate: iso(at),
          EventId: umblerId(at),
          Payload: {
            Type: 'Chat',
            Content: {
              Id: chatId,
              Organization: { Id: organization },
              Contact: contact,
              Channel: channel,
              Sector: sector,
              OrganizationMember: assignee && { Id: assignee.id, Muted: false, TotalUnread: null },
              Tags: [],
              LastMessage: lastMessage,
              Message: null,
              Open: open,
              Private: false,
              Waiting: waitingSince !== null,
              WaitingSinceUTC: waitingSince,
              ClosedAtUTC: closedAt,
              EventAtUTC: lastMessage?.EventAtUTC ?? createdAt,
              CreatedAtUTC: createdAt,
              Bots: bots,
              ...extra,
            },
          },
        },
      });
    };
    const message = (source: 'Contact' | 'Member' | 'Bot', text: string, note = false) => {
      lastMessage = {
        Id: umblerId(at),
        EventAtUTC: iso(at),
        CreatedAtUTC: iso(at + 150),
        Source: source,
        MessageType: 'Text',
        Content: text,
        Prefix: source === 'Member' ? `*${agent.name}:*` : null,
        SentByOrganizationMember: source === 'Member' ? { Id: agent.id } : null,
        IsPrivate: note,
        File: null,
        MessageState: 'Sent',
      };
      if (source === 'Contact') waitingSince ??= iso(at);
      else if (source === 'Member' && !note) waitingSince = null;
      emit('Message');
    };
    const conversation = (opening: string) => {
      open = true;
      closedAt = null;
      message('Contact', opening);
      if (random() < share.bots) {
        bots = [{ Status: 'Active', BotId: stableId('bot') }];
        at += step(1_000, 5_000);
        message('Bot', 'Olá! Sou o assistente virtual. Já vou te passar para uma pessoa do time.');
        at += step(5_000, 30_000);
        bots = [];
      } else {
        at += step(10_000, 60_000);
      }
      assignee = agent;
      emit('MemberTransfer');
      for (let turn = 0, turns = 1 + Math.floor(random() * 3); turn < turns; turn++) {
        at += step(15_000, 180_000);
        message('Member', AGENT_LINES[Math.min(turn, AGENT_LINES.length - 1)]!);
        if (random() < share.notes) {
          at += step(5_000, 20_000);
          message('Member', 'Cliente recorrente, conferir o pedido anterior.', true);
        }
        at += step(20_000, 120_000);
        message('Contact', CUSTOMER_LINES[1 + Math.min(turn, CUSTOMER_LINES.length - 2)]!);
        if (turn === 0 && random() < share.transfers) {
          at += step(10_000, 60_000);
          agent = pick(AGENTS.filter((other) => other !== agent));
          assignee = agent;
          emit('MemberTransfer');
        }
      }
      at += step(15_000, 90_000);
      message('Member', AGENT_LINES.at(-1)!);
      at += step(30_000, 120_000);
      open = false;
      closedAt = iso(at);
      waitingSince = null;
      emit('ChatClosed');
    };

    conversation(CUSTOMER_LINES[0]!);
    if (random() < share.reopens) {
      at += step(120_000, 600_000);
      conversation('Oi de novo, tenho mais uma dúvida.');
    }
  }
  const faulty: Delivery[] = [];
  for (const delivery of deliveries) {
    if (random() < share.retries) {
      faulty.push({
        ...delivery,
        attempt: 2,
        deliverAtMs: delivery.deliverAtMs + Math.round(step(60_000, 300_000)),
      });
    } else if (random() < share.duplicates) {
      faulty.push({ ...delivery, deliverAtMs: delivery.deliverAtMs + 50 });
    }
  }
  random = Math.random;
  return [...deliveries, ...faulty].sort((a, b) => a.deliverAtMs - b.deliverAtMs);
}

/** Like Umbler's ids: a MongoDB ObjectId (creation seconds first) in 16 base64url characters. */
function umblerId(at = Date.now()): string {
  const bytes = Buffer.from(Array.from({ length: 12 }, () => Math.floor(random() * 256)));
  bytes.writeUInt32BE(Math.floor(at / 1000), 0);
  return bytes.toString('base64url');
}

/** The same agents, channel and sector on every run, so repeated runs do not multiply them. */
function stableId(seed: string): string {
  return createHash('sha256').update(`radar simulate ${seed}`).digest().subarray(0, 12).toString('base64url');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
