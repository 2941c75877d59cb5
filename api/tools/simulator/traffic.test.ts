import { describe, expect, it } from 'vitest';
import { parseUmblerWebhook } from '../../src/domain/umbler.js';
import { FactStore } from '../../test/oracle.js';
import { loadScenario } from '../../test/scenario-data.js';
import { generateTraffic, shiftToNow } from './traffic.js';

const { deliveries } = loadScenario('tiny');
const parse = (body: unknown) => {
  const result = parseUmblerWebhook(body);
  if (result.kind !== 'event') throw new Error(JSON.stringify(result));
  return result;
};

describe('shiftToNow', () => {
  const now = Date.parse('2027-01-15T13:45:10.250Z');

  it('moves every timestamp by the same whole seconds so the scenario starts now', () => {
    const shifted = shiftToNow(deliveries, false, now);
    expect(Math.abs(shifted[0]!.deliverAtMs - now)).toBeLessThanOrEqual(500);
    const offset = shifted[0]!.deliverAtMs - deliveries[0]!.deliverAtMs;
    expect(offset % 1000).toBe(0);
    deliveries.forEach((original, index) => {
      const before = parse(original.body);
      const after = parse(shifted[index]!.body);
      expect(after.eventId).toBe(before.eventId);
      expect(after.fact.conversationExternalId).toBe(before.fact.conversationExternalId);
      expect(after.eventDate.getTime() - before.eventDate.getTime()).toBe(offset);
      if (before.fact.message) {
        expect(after.fact.message?.externalId).toBe(before.fact.message.externalId);
        expect(after.fact.message!.sentAt.getTime() - before.fact.message.sentAt.getTime()).toBe(offset);
      }
    });
  });

  it('keeps the digits of fractions and leaves other strings alone', () => {
    const body = {
      EventDate: '2026-03-02T11:04:32.3054865Z',
      Plain: '2026-03-02T11:04:32Z',
      Text: 'às 2026-03-02T11:04:32Z',
      Id: 'aaVuwFqZchfm8yM3',
    };
    const [shifted] = shiftToNow(
      [{ deliverAtMs: Date.parse('2026-03-02T11:04:32Z'), attempt: 1, body }],
      false,
      now,
    );
    expect(shifted!.body).toEqual({
      EventDate: '2027-01-15T13:45:10.3054865Z',
      Plain: '2027-01-15T13:45:10Z',
      Text: 'às 2026-03-02T11:04:32Z',
      Id: 'aaVuwFqZchfm8yM3',
    });
  });

  it('can make the scenario end now instead', () => {
    const shifted = shiftToNow(deliveries, true, now);
    expect(Math.abs(Math.max(...shifted.map((d) => d.deliverAtMs)) - now)).toBeLessThanOrEqual(500);
  });
});

describe('generateTraffic', () => {
  it('makes bounded, valid Umbler traffic where every chat is answered and closed', () => {
    const now = Date.now();
    const traffic = generateTraffic(25, 10 * 60_000, now);
    const store = new FactStore();
    for (const delivery of traffic) store.add(parse(delivery.body).fact);

    expect(traffic.map((d) => d.deliverAtMs)).toEqual(
      [...traffic.map((d) => d.deliverAtMs)].sort((a, b) => a - b),
    );
    expect(traffic[0]!.deliverAtMs).toBeGreaterThanOrEqual(now);
    expect(traffic.at(-1)!.deliverAtMs).toBeLessThan(now + 15 * 60_000);
    const conversations = store.conversations();
    expect(conversations).toHaveLength(25);
    for (const { derived } of conversations) {
      expect(derived.status).toBe('CLOSED');
      expect(derived.samples.some((sample) => sample.kind === 'FIRST_RESPONSE')).toBe(true);
    }
    expect(Object.values(store.agentNames()).every((name) => /^[A-Z][a-z]+$/.test(name))).toBe(true);
  });

  it('with a seed, makes the same traffic every time, with bots, notes, transfers, reopens, retries and duplicates', () => {
    const now = Date.parse('2026-03-02T12:00:00Z');
    const once = generateTraffic(200, 60 * 60_000, now, { seed: 42 });
    expect(generateTraffic(200, 60 * 60_000, now, { seed: 42 })).toEqual(once);
    expect(generateTraffic(200, 60 * 60_000, now, { seed: 43 })).not.toEqual(once);
    const bodies = once.map((d) => d.body as { EventId: string; Type: string; Payload: { Content: any } });
    const messages = bodies.map((b) => b.Payload.Content.LastMessage).filter(Boolean);
    expect(messages.some((m) => m.Source === 'Bot')).toBe(true);
    expect(messages.some((m) => m.IsPrivate === true)).toBe(true);
    expect(once.some((d) => d.attempt === 2)).toBe(true);
    const ids = bodies.map((b) => b.EventId);
    expect(new Set(ids).size).toBeLessThan(ids.length);

    const store = new FactStore();
    for (const delivery of once) store.add(parse(delivery.body).fact);
    const conversations = store.conversations();
    expect(conversations.some(({ derived }) => derived.assignmentChanges.some((c) => c.isTransfer))).toBe(
      true,
    );
    expect(conversations.some(({ derived }) => derived.cycles.length > 1)).toBe(true);
    for (const { derived } of conversations) expect(derived.status).toBe('CLOSED');
  });
});
