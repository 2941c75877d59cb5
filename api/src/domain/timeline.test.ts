import { describe, expect, it } from 'vitest';
import { FactStore } from '../../test/oracle.js';
import { loadScenario, SCENARIOS } from '../../test/scenario-data.js';
import type { SenderKind } from './facts.js';
import {
  deriveAssignmentChanges,
  deriveConversation,
  foldTimeline,
  initialTimelineState,
  liveStateOf,
  type TimelineInput,
  type TimelineMessage,
} from './timeline.js';
import { parseUmblerWebhook } from './umbler.js';

const start = Date.parse('2026-03-02T12:00:00.000Z');
const at = (seconds: number) => new Date(start + seconds * 1000);

let counter = 0;
function message(
  seconds: number,
  sender: SenderKind,
  agentId: string | null = null,
  isNote = false,
): TimelineMessage {
  counter += 1;
  return { key: `m${counter}`, sentAt: at(seconds), sender, isNote, agentId };
}
const customer = (seconds: number) => message(seconds, 'CUSTOMER');
const agent = (seconds: number, id = 'ana') => message(seconds, 'AGENT', id);
const bot = (seconds: number) => message(seconds, 'BOT');
const note = (seconds: number, id = 'ana') => message(seconds, 'AGENT', id, true);

function input(
  partial: Partial<Omit<TimelineInput, 'current'>> & {
    current?: Partial<TimelineInput['current']>;
  },
): TimelineInput {
  return {
    messages: partial.messages ?? [],
    assignees: partial.assignees ?? [{ at: at(0), agentId: 'ana' }],
    closes: partial.closes ?? [],
    current: {
      open: true,
      assigneeId: 'ana',
      botActive: false,
      internal: false,
      ...partial.current,
    },
  };
}

const samplesOf = (timeline: TimelineInput, kind: string) =>
  deriveConversation(timeline)
    .samples.filter((sample) => sample.kind === kind)
    .map(({ agentId, seconds, cycleIndex }) => ({ agentId, seconds, cycleIndex }));

describe('deriveConversation', () => {
  it('times a reply from the earliest unanswered customer message; bots and notes do not stop the clock', () => {
    const reply = agent(60);
    const timeline = input({
      messages: [
        customer(0),
        customer(10),
        bot(20),
        note(30),
        reply,
        agent(70),
        customer(100),
        note(110),
        agent(130, 'bia'),
      ],
    });
    expect(samplesOf(timeline, 'RESPONSE')).toEqual([
      { agentId: 'ana', seconds: 60, cycleIndex: 0 },
      { agentId: 'bia', seconds: 30, cycleIndex: 0 },
    ]);
    expect(samplesOf(timeline, 'FIRST_RESPONSE')).toEqual([{ agentId: 'ana', seconds: 60, cycleIndex: 0 }]);
    expect(deriveConversation(timeline).messages.get(reply.key)).toEqual({
      cycleIndex: 0,
      responseTime: 60,
    });
  });

  it('gives an outbound cycle response times but no first response', () => {
    const timeline = input({ messages: [agent(0), customer(10), agent(25)] });
    expect(samplesOf(timeline, 'RESPONSE')).toEqual([{ agentId: 'ana', seconds: 15, cycleIndex: 0 }]);
    expect(samplesOf(timeline, 'FIRST_RESPONSE')).toEqual([]);
  });

  it('opens a new cycle, with its own first response and resolution, on a message after a close', () => {
    const timeline = input({
      messages: [bot(0), customer(5), agent(10), customer(30), note(200), agent(50)],
      closes: [{ at: at(20) }, { at: at(100) }, { at: at(20) }],
      current: { open: false },
    });
    const derived = deriveConversation(timeline);
    expect(derived.cycles).toEqual([
      { index: 0, startedAt: at(0), closedAt: at(20), resolvedById: 'ana' },
      { index: 1, startedAt: at(30), closedAt: at(100), resolvedById: 'ana' },
    ]);
    expect(derived.reopens).toEqual([at(30)]);
    expect(derived.openedAt).toEqual(at(30));
    expect(samplesOf(timeline, 'FIRST_RESPONSE').map((s) => s.seconds)).toEqual([5, 20]);
    expect(samplesOf(timeline, 'RESOLUTION').map((s) => s.seconds)).toEqual([20, 70]);
    expect(derived.status).toBe('CLOSED');
  });

  it('keeps notes out of cycles and ignores a close with no cycle open', () => {
    const lateNote = note(40);
    const derived = deriveConversation(
      input({
        messages: [note(0), customer(10), agent(20), lateNote],
        closes: [{ at: at(20) }, { at: at(30) }],
        current: { open: false },
      }),
    );
    expect(derived.cycles).toEqual([{ index: 0, startedAt: at(10), closedAt: at(20), resolvedById: 'ana' }]);
    expect(derived.messages.get(lateNote.key)).toEqual({ cycleIndex: null, responseTime: null });
  });

  it('credits a resolution to the assignee at the close, or to nobody', () => {
    const timeline = input({
      messages: [customer(0), agent(10), customer(100), agent(110)],
      assignees: [
        { at: at(1), agentId: 'ana' },
        { at: at(15), agentId: 'bia' },
        { at: at(60), agentId: null },
      ],
      closes: [{ at: at(50) }, { at: at(120) }],
      current: { open: false, assigneeId: null },
    });
    expect(samplesOf(timeline, 'RESOLUTION')).toEqual([
      { agentId: 'bia', seconds: 50, cycleIndex: 0 },
      { agentId: null, seconds: 20, cycleIndex: 1 },
    ]);
  });

  it('tells transfers from assignments through the queue, whatever the order of snapshots', () => {
    const changes = deriveAssignmentChanges([
      { at: at(30), agentId: null },
      { at: at(10), agentId: 'ana' },
      { at: at(20), agentId: 'bia' },
      { at: at(10), agentId: 'ana' },
      { at: at(40), agentId: 'caio' },
      { at: at(0), agentId: null },
      { at: at(25), agentId: 'bia' },
    ]);
    expect(changes).toEqual([
      { at: at(10), fromAgentId: null, toAgentId: 'ana', isTransfer: false },
      { at: at(20), fromAgentId: 'ana', toAgentId: 'bia', isTransfer: true },
      { at: at(30), fromAgentId: 'bia', toAgentId: null, isTransfer: false },
      { at: at(40), fromAgentId: null, toAgentId: 'caio', isTransfer: false },
    ]);
  });

  it.each([
    [{ open: false }, [customer(0)], 'CLOSED', null],
    [{ assigneeId: null, botActive: true }, [customer(0)], 'BOT', 0],
    [{ assigneeId: null }, [customer(0), bot(5)], 'QUEUED', 0],
    [{}, [customer(0), agent(5), customer(10), customer(20), bot(30)], 'WAITING', 10],
    [{}, [customer(0), agent(5), note(10)], 'IN_PROGRESS', null],
  ] as const)('gives the live status of %j', (current, messages, status, waitingSince) => {
    const derived = deriveConversation(input({ messages: [...messages], current }));
    expect(derived.status).toBe(status);
    expect(derived.waitingSince).toEqual(waitingSince === null ? null : at(waitingSince));
  });

  it('times the queue from the first customer message to the first assignment, and the first response after it', () => {
    const queued = input({
      messages: [bot(0), customer(5), customer(8), agent(100), customer(130), agent(150)],
      assignees: [
        { at: at(0), agentId: null },
        { at: at(45), agentId: 'ana' },
        { at: at(60), agentId: 'bia' },
      ],
    });
    expect(samplesOf(queued, 'QUEUE')).toEqual([{ agentId: null, seconds: 40, cycleIndex: 0 }]);
    expect(samplesOf(queued, 'FIRST_RESPONSE')).toEqual([{ agentId: 'ana', seconds: 95, cycleIndex: 0 }]);
    // First response minus queue time.
    expect(samplesOf(queued, 'FIRST_RESPONSE_AFTER_ASSIGNMENT')).toEqual([
      { agentId: 'ana', seconds: 55, cycleIndex: 0 },
    ]);
    expect(
      deriveConversation(queued)
        .samples.filter((s) => s.kind === 'RESPONSE')
        .map((s) => s.firstInCycle),
    ).toEqual([true, false]);

    // Assigned before the customer wrote, or by the snapshot of that message: no queue, the whole
    // first response is after assignment.
    for (const assignedAt of [0, 10]) {
      const assigned = input({
        messages: [customer(10), agent(30)],
        assignees: [{ at: at(assignedAt), agentId: 'ana' }],
      });
      expect(samplesOf(assigned, 'QUEUE')).toEqual([]);
      expect(samplesOf(assigned, 'FIRST_RESPONSE_AFTER_ASSIGNMENT').map((s) => s.seconds)).toEqual([20]);
    }

    // A reply while still queued: all of the first response was queue time.
    const early = input({
      messages: [customer(0), agent(20)],
      assignees: [{ at: at(50), agentId: 'ana' }],
    });
    expect(samplesOf(early, 'QUEUE').map((s) => s.seconds)).toEqual([50]);
    expect(samplesOf(early, 'FIRST_RESPONSE_AFTER_ASSIGNMENT').map((s) => s.seconds)).toEqual([0]);
  });

  it('gives each cycle its own queue, and none to a cycle closed before anyone took it', () => {
    const timeline = input({
      messages: [customer(0), customer(100), agent(130)],
      assignees: [
        { at: at(0), agentId: null },
        { at: at(110), agentId: 'ana' },
      ],
      closes: [{ at: at(50) }],
    });
    expect(samplesOf(timeline, 'QUEUE')).toEqual([{ agentId: null, seconds: 10, cycleIndex: 1 }]);
    expect(samplesOf(timeline, 'FIRST_RESPONSE_AFTER_ASSIGNMENT').map((s) => s.seconds)).toEqual([20]);
  });

  it('derives no metrics for internal chats', () => {
    const derived = deriveConversation(
      input({
        messages: [agent(0), customer(5), agent(10)],
        closes: [{ at: at(20) }],
        current: { internal: true },
      }),
    );
    expect(derived).toMatchObject({
      cycles: [],
      samples: [],
      assignmentChanges: [],
      reopens: [],
      waitingSince: null,
    });
    expect(derived.lastMessageAt).toEqual(at(10));
  });

  it('does not depend on the order of its input', () => {
    const messages = [
      customer(0),
      bot(1),
      agent(10),
      customer(30),
      customer(31),
      agent(50, 'bia'),
      note(55),
      customer(80),
    ];
    const assignees = [
      { at: at(0), agentId: null },
      { at: at(5), agentId: 'ana' },
      { at: at(40), agentId: 'bia' },
    ];
    const closes = [{ at: at(20) }, { at: at(60) }];
    const forward = deriveConversation(input({ messages, assignees, closes }));
    const backward = deriveConversation(
      input({
        messages: [...messages].reverse(),
        assignees: [...assignees].reverse(),
        closes: [...closes].reverse(),
      }),
    );
    expect(backward).toEqual(forward);
    expect(forward.cycles).toHaveLength(3);
  });
});

describe('foldTimeline', () => {
  /** The whole derivation, and the same facts folded in two steps around `cut`. */
  function inTwoSteps(timeline: TimelineInput, cut: number) {
    const before = (time: Date) => time.getTime() <= cut;
    const part = (keep: (time: Date) => boolean) => ({
      messages: timeline.messages.filter((m) => keep(m.sentAt)),
      assignees: timeline.assignees.filter((o) => keep(o.at)),
      closes: timeline.closes.filter((c) => keep(c.at)),
    });
    const first = foldTimeline(initialTimelineState(timeline.current.internal), part(before));
    const second = foldTimeline(
      first.state,
      part((time) => !before(time)),
    );
    const cycles = new Map([...first.cycles, ...second.cycles].map((c) => [c.index, c]));
    return {
      cycles: [...cycles.values()],
      messages: new Map([...first.messages, ...second.messages]),
      samples: [...first.samples, ...second.samples],
      assignmentChanges: [...first.assignmentChanges, ...second.assignmentChanges],
      live: liveStateOf(second.state, timeline.current),
    };
  }

  it('from a stored state over later facts gives exactly the whole derivation, on every scenario conversation', () => {
    let checked = 0;
    for (const name of SCENARIOS) {
      const store = new FactStore();
      for (const { body } of loadScenario(name).deliveries) {
        const parsed = parseUmblerWebhook(body);
        if (parsed.kind === 'event') store.add(parsed.fact);
      }
      for (const { input: timeline, derived } of store.conversations()) {
        const times = [...timeline.messages.map((m) => m.sentAt), ...timeline.closes.map((c) => c.at)]
          .map(Number)
          .sort((a, b) => a - b);
        for (const cut of [times[Math.floor(times.length / 3)], times.at(-2)]) {
          if (cut === undefined) continue;
          const stepped = inTwoSteps(timeline, cut);
          const byKind = (a: { kind: string; endedAt: Date }, b: { kind: string; endedAt: Date }) =>
            a.kind.localeCompare(b.kind) || a.endedAt.getTime() - b.endedAt.getTime();
          expect(stepped.cycles).toEqual(derived.cycles);
          expect(stepped.messages).toEqual(derived.messages);
          expect([...stepped.samples].sort(byKind)).toEqual([...derived.samples].sort(byKind));
          expect(stepped.assignmentChanges).toEqual(derived.assignmentChanges);
          expect(stepped.live.status).toBe(derived.status);
          expect(stepped.live.waitingSince).toEqual(derived.waitingSince);
          expect(stepped.live.openedAt).toEqual(derived.openedAt);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
