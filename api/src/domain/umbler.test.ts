import { describe, expect, it } from 'vitest';
import { exampleEvents } from '../../test/scenario-data.js';
import type { ConversationEventFact, MessageFact } from './facts.js';
import { isLegacyFormEncoded, type ParseResult, parseUmblerWebhook, signatureName } from './umbler.js';

const examples = exampleEvents();

function exampleText(file: string): string {
  const text = examples.get(file);
  if (text === undefined) throw new Error(`no example ${file}`);
  return text;
}

function example(file: string): any {
  return JSON.parse(exampleText(file));
}

function parsedFact(body: unknown): ConversationEventFact {
  const result = parseUmblerWebhook(body);
  if (result.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(result)}`);
  return result.fact;
}

function errorOf(body: unknown): string {
  const result = parseUmblerWebhook(body);
  if (result.kind !== 'invalid') throw new Error(`expected invalid, got ${result.kind}`);
  return result.error;
}

function mapKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((inner) => mapKeys(inner, rename));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [rename(key), mapKeys(inner, rename)]),
    );
  }
  return value;
}

const yasmin = {
  externalId: 'aaVuv6plDOby8v6x',
  name: 'Yasmin Costa',
  phoneNumber: '+5541955671685',
  kind: 'CUSTOMER',
} as const;
const atendimento = {
  externalId: 'Z5YVsHngmapZ8vrv',
  name: 'Atendimento',
  phoneNumber: '+551134000067',
};
const geral = { externalId: 'Z5YVsHuiIv9f8vrx', name: 'Geral' };
const vendas = { externalId: 'Z5YVsOKph3tG8vry', name: 'Vendas' };
const troca = { externalId: 'Z5YVsPs85fmy8vsC', name: 'Troca' };
const helena = 'Z5YVsHuEJjkX8vr7';

const customerOk: MessageFact = {
  externalId: 'aaVuv1OeKYib8yM2',
  sentAt: new Date('2026-03-02T11:04:31.437Z'),
  sender: 'CUSTOMER',
  isNote: false,
  agentExternalId: null,
  type: 'TEXT',
  text: 'Ok',
  signatureName: null,
  file: null,
  ad: null,
};

const receipt = {
  contentType: 'application/pdf',
  name: 'comprovante.pdf',
  sizeBytes: 1690698,
};

describe('parseUmblerWebhook on the example bodies', () => {
  it('reads a customer message into a complete fact', () => {
    expect(parseUmblerWebhook(example('Message-Contact.json'))).toEqual({
      kind: 'event',
      eventId: 'aaVuwFqZchfm8yM3',
      type: 'Message',
      eventDate: new Date('2026-03-02T11:04:32.305Z'),
      fact: {
        conversationExternalId: 'aaVuvxknXajV8v6y',
        occurredAt: new Date('2026-03-02T11:04:32.305Z'),
        changes: ['MESSAGE_ADDED'],
        contact: yasmin,
        channel: atendimento,
        sector: geral,
        tags: [],
        assigneeExternalId: null,
        open: true,
        closedAt: null,
        private: false,
        botActive: false,
        message: customerOk,
      },
    } satisfies ParseResult);
  });

  it('reads an agent reply with its signature', () => {
    const fact = parsedFact(example('Message-Member.json'));
    expect(fact.assigneeExternalId).toBe('Z5YVsKtH9Vbn8vr1');
    expect(fact.message).toMatchObject({
      externalId: 'aaVweH53dpls8wQs',
      sender: 'AGENT',
      isNote: false,
      agentExternalId: 'Z5YVsKtH9Vbn8vr1',
      signatureName: 'Juliana',
      text: 'Bom dia tudo bem ?',
    });
  });

  it("reads a customer message from an ad (Umbler's Ad, never seen filled: any shape)", () => {
    const body = example('Message-Contact.json');
    body.Payload.Content.LastMessage.Ad = {
      Title: 'Promo de março',
      SourceUrl: 'https://fb.me/promo',
      Extra: 1,
    };
    expect(parsedFact(body).message?.ad).toEqual({ name: 'Promo de março', source: 'https://fb.me/promo' });
    body.Payload.Content.LastMessage.Ad = 'anúncio';
    expect(parsedFact(body).message?.ad).toEqual({ name: 'anúncio', source: null });
    expect(parsedFact(example('Message-Contact.json')).message?.ad).toBeNull();
    // Older bodies and other senders leave the field out.
    delete body.Payload.Content.LastMessage.Ad;
    expect(parsedFact(body).message?.ad).toBeNull();
  });

  it('reads an internal note', () => {
    expect(parsedFact(example('Message-Member-note.json')).message).toMatchObject({
      externalId: 'aaWQQQVr2nRN8xUR',
      sender: 'AGENT',
      isNote: true,
      agentExternalId: 'Z5YVsM_IW_Jx8vr8',
      signatureName: null,
    });
  });

  it('reads a bot message while the bot is active', () => {
    const fact = parsedFact(example('Message-Bot.json'));
    expect(fact).toMatchObject({ assigneeExternalId: null, botActive: true });
    expect(fact.message).toMatchObject({
      externalId: 'aaVvwlWKSXFL8wQk',
      sender: 'BOT',
      agentExternalId: null,
    });
  });

  it('reads a media message before and after its file is stored', () => {
    const sent = parsedFact(example('Message-Contact-media.json'));
    expect(sent.tags).toEqual([troca]);
    expect(sent.message).toMatchObject({
      externalId: 'aaVyfW_sXsH28vuG',
      type: 'FILE',
      text: null,
      file: { url: null, ...receipt },
    });
    const uploaded = parseUmblerWebhook(example('MessageFileUploaded.json'));
    expect(uploaded).toMatchObject({ kind: 'event', type: 'MessageFileUploaded' });
    expect(parsedFact(example('MessageFileUploaded.json'))).toMatchObject({
      changes: ['MESSAGE_ADDED'],
      message: {
        externalId: 'aaVyfW_sXsH28vuG',
        sentAt: new Date('2026-03-02T11:20:29.440Z'),
        file: {
          url: 'https://files.example.invalid/Z5YVsGra3ESo8vru/aaVyfW_sXsH28vuG/comprovante.pdf',
          ...receipt,
        },
      },
    });
  });

  it('marks chats between agents as internal', () => {
    const fact = parsedFact(example('Message-internal-chat.json'));
    expect(fact.contact?.kind).toBe('INTERNAL');
    expect(fact.message).toMatchObject({ sender: 'AGENT', signatureName: 'Igor' });
  });

  it('reads a close, keeping the repeated last message for the deduplicating store', () => {
    expect(parsedFact(example('ChatClosed.json'))).toMatchObject({
      conversationExternalId: 'aaVuvxknXajV8v6y',
      occurredAt: new Date('2026-03-02T11:31:58.284Z'),
      changes: ['CLOSED'],
      open: false,
      closedAt: new Date('2026-03-02T11:31:57.840Z'),
      assigneeExternalId: helena,
      message: { externalId: 'aaV044_vKJPA8yNN', sender: 'AGENT', signatureName: 'Helena' },
    });
  });

  it.each([
    ['MemberTransfer.json', ['ASSIGNEE_CHANGED'], { assigneeExternalId: helena, message: customerOk }],
    ['ChatSectorChanged.json', ['SECTOR_CHANGED'], { sector: vendas, assigneeExternalId: null }],
    ['ChatPrivateStatusChanged.json', ['PRIVATE_CHANGED'], { private: true }],
    ['ChatTagChanged.json', ['TAGS_CHANGED'], { tags: [troca], assigneeExternalId: helena }],
    ['NewChat.json', ['CONTACT_SEEN'], { contact: yasmin, open: true, message: customerOk }],
  ])('reads %s as a snapshot', (file, changes, expected) => {
    expect(parsedFact(example(file))).toMatchObject({ changes, ...expected });
  });

  it('ignores an unknown event type', () => {
    expect(parseUmblerWebhook(example('unknown-type.json'))).toEqual({
      kind: 'ignored',
      eventId: 'aaVuwFqZchfmUNKN',
      type: 'ChatArchived',
      reason: 'unknown event type ChatArchived',
    });
  });

  it('recognises and rejects the legacy form-encoded format', () => {
    const legacy = exampleText('legacy-form-encoded.txt');
    expect(isLegacyFormEncoded(legacy)).toBe(true);
    expect(isLegacyFormEncoded(exampleText('Message-Contact.json'))).toBe(false);
    expect(isLegacyFormEncoded('')).toBe(false);
    expect(errorOf(legacy)).toMatch(/legacy uTalk form-encoded/);
  });

  it('gives every example body its kind', () => {
    const kinds = Object.fromEntries(
      [...examples].map(([file, text]) => [
        file,
        parseUmblerWebhook(file.endsWith('.json') ? JSON.parse(text) : text).kind,
      ]),
    );
    expect(kinds).toEqual({
      'ChatClosed.json': 'event',
      'ChatPrivateStatusChanged.json': 'event',
      'ChatSectorChanged.json': 'event',
      'ChatTagChanged.json': 'event',
      'MemberTransfer.json': 'event',
      'Message-Bot.json': 'event',
      'Message-Contact-media.json': 'event',
      'Message-Contact.json': 'event',
      'Message-Member-note.json': 'event',
      'Message-Member.json': 'event',
      'Message-internal-chat.json': 'event',
      'MessageFileUploaded.json': 'event',
      'NewChat.json': 'event',
      'legacy-form-encoded.txt': 'invalid',
      'unknown-type.json': 'ignored',
    });
  });
});

describe('parseUmblerWebhook on other shapes', () => {
  const body = () => example('Message-Member.json');

  it('matches keys whatever their case and ignores unknown fields', () => {
    const expected = parsedFact(body());
    const camel = mapKeys(body(), (key) => key.charAt(0).toLowerCase() + key.slice(1));
    const upper = mapKeys(body(), (key) => key.toUpperCase());
    expect(parsedFact(camel)).toEqual(expected);
    expect(parsedFact(upper)).toEqual(expected);
    expect(parsedFact({ ...body(), Brand: { New: 'field' }, Payload: { ...body().Payload, X: 1 } })).toEqual(
      expected,
    );
  });

  it('keeps a `__proto__` key a plain field, never a prototype', () => {
    const { EventDate, ...withoutDate } = body();
    const text = JSON.stringify(withoutDate).replace('{', `{"__proto__":{"EventDate":"${EventDate}"},`);
    // Read as the prototype, it would supply the missing EventDate.
    expect(parseUmblerWebhook(JSON.parse(text))).toMatchObject({ kind: 'invalid', error: /EventDate/ });
    const withProto = JSON.stringify(body()).replace('{', '{"__proto__":{"polluted":true},');
    expect(parsedFact(JSON.parse(withProto))).toEqual(parsedFact(body()));
  });

  it('merges chat and contact tags by id', () => {
    const input = body();
    input.Payload.Content.Tags = [{ Id: 'a', Name: 'A' }];
    input.Payload.Content.Contact.Tags = [
      { Id: 'a', Name: 'A again' },
      { Id: 'b', Name: 'B' },
    ];
    expect(parsedFact(input).tags).toEqual([
      { externalId: 'a', name: 'A' },
      { externalId: 'b', name: 'B' },
    ]);
  });

  it('maps sources, contact types and bot status case-insensitively', () => {
    const input = body();
    input.Payload.Content.LastMessage.Source = 'external';
    input.Payload.Content.Contact.ContactType = 'Group';
    input.Payload.Content.Bots = [{ Status: 'Inactive' }, { Status: 'ACTIVE' }];
    const fact = parsedFact(input);
    expect(fact.message?.sender).toBe('OTHER');
    expect(fact.contact?.kind).toBe('GROUP');
    expect(fact.botActive).toBe(true);
  });

  it('leaves out what a partial snapshot does not say', () => {
    const input = example('MemberTransfer.json');
    const { OrganizationMember, Open, Bots, Tags, Contact, ...content } = input.Payload.Content;
    input.Payload.Content = { ...content, LastMessage: null };
    const fact = parsedFact(input);
    for (const field of ['assigneeExternalId', 'open', 'botActive', 'tags', 'contact', 'message']) {
      expect(fact).not.toHaveProperty(field);
    }
  });

  it('accepts every fraction of a second Umbler sends', () => {
    for (const [date, iso] of [
      ['2026-03-02T11:04:32Z', '2026-03-02T11:04:32.000Z'],
      ['2026-03-02T11:04:32.305Z', '2026-03-02T11:04:32.305Z'],
      ['2026-03-02T11:04:32.3054865Z', '2026-03-02T11:04:32.305Z'],
    ]) {
      expect(parsedFact({ ...body(), EventDate: date }).occurredAt.toISOString()).toBe(iso);
    }
  });

  it('names the missing or malformed field', () => {
    const content = (patch: Record<string, unknown>) => {
      const input = body();
      Object.assign(input.Payload.Content, patch);
      return input;
    };
    const lastMessage = (patch: Record<string, unknown>) =>
      content({ LastMessage: { ...body().Payload.Content.LastMessage, ...patch } });

    expect(errorOf(null)).toBe('body must be a JSON object');
    expect(errorOf([body()])).toBe('body must be a JSON object');
    expect(errorOf({ ...body(), Type: null })).toBe('Type is required');
    expect(errorOf({ ...body(), EventId: undefined })).toBe('EventId is required');
    expect(errorOf({ ...body(), EventDate: 'yesterday' })).toBe('EventDate: must be an ISO 8601 date');
    expect(errorOf({ ...body(), Payload: null })).toBe('Payload is required');
    expect(errorOf({ ...body(), Payload: { Type: 'Chat' } })).toBe('Payload.Content is required');
    expect(errorOf(content({ Id: null }))).toBe('Payload.Content.Id is required');
    expect(errorOf(content({ Open: 'yes' }))).toBe(
      'Payload.Content.Open: Invalid input: expected boolean, received string',
    );
    expect(errorOf(content({ LastMessage: null }))).toBe('Payload.Content.LastMessage is required');
    expect(errorOf(lastMessage({ Id: null }))).toBe('Payload.Content.LastMessage.Id is required');
    expect(errorOf(lastMessage({ EventAtUTC: null }))).toBe(
      'Payload.Content.LastMessage.EventAtUTC is required',
    );
    expect(errorOf(lastMessage({ EventAtUTC: 42 }))).toBe(
      'Payload.Content.LastMessage.EventAtUTC: Invalid input: expected string, received number',
    );

    const uploaded = example('MessageFileUploaded.json');
    uploaded.Payload.Content.Message = null;
    uploaded.Payload.Content.LastMessage = null;
    expect(errorOf(uploaded)).toBe('Payload.Content.Message is required');

    const closed = example('ChatClosed.json');
    closed.Payload.Content.ClosedAtUTC = null;
    expect(errorOf(closed)).toBe('Payload.Content.ClosedAtUTC is required');
  });

  it('keeps the event id and type of an invalid event', () => {
    expect(parseUmblerWebhook({ ...body(), Payload: null })).toEqual({
      kind: 'invalid',
      eventId: 'aaVwePTMpvzq8wQt',
      type: 'Message',
      error: 'Payload is required',
    });
  });
});

describe('signatureName', () => {
  it.each([
    ['*Amanda 💙:*', 'Amanda 💙'],
    ['*Helena:*', 'Helena'],
    ['Helena:', 'Helena'],
    ['*Ana Paula*', 'Ana Paula'],
    ['*:*', null],
    ['', null],
    [null, null],
  ])('reads %j as %j', (prefix, name) => {
    expect(signatureName(prefix)).toBe(name);
  });
});
