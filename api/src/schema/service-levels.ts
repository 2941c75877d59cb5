import { GraphQLError } from 'graphql';
import { adminOnly, builder, everyRole } from '../builder.js';
import type { App, Context } from '../context.js';
import { loadRatingBands, MAX_RATING_BANDS, ratingBandsProblem, saveRatingBands } from '../db/ratings.js';
import { recomputeJob } from '../db/recompute.js';
import { loadRules, scopeOf } from '../db/schedules.js';
import type { SlaPolicyVersion } from '../db/sla.js';
import type { SlaTargets } from '../domain/sla.js';
import { badInput } from '../graphql-input.js';
import { type SlaAlert, subjectOf } from '../sla-monitor.js';
import { Conversation, Sector } from './conversation.js';
import { ClockEnum } from './metrics.js';

// Service levels (docs/metrics.md, "Service levels" and "Response-time rating"): versioned SLA
// policies, the live state of each open conversation's targets, alerts at each crossing, and
// the rating bands.

/** Schedules, holidays and policies changed: samples are judged again, live clocks computed again. */
export function serviceLevelsChanged(app: App): void {
  recomputeJob(app).request('samples');
  app.pubsub.publish('serviceLevelsChanged', {});
}

const SlaKindEnum = builder.enumType('SlaKind', {
  values: ['FIRST_RESPONSE', 'NEXT_RESPONSE', 'RESOLUTION'] as const,
});
const SlaStateEnum = builder.enumType('SlaState', {
  values: {
    OK: { description: 'Below 75 % of the target.' },
    AT_RISK: { description: 'From 75 % of the target.' },
    BREACHED: { description: 'The target has passed.' },
  } as const,
});

const SlaPolicy = builder.objectRef<SlaPolicyVersion>('SlaPolicy').implement({
  authScopes: everyRole,
  description:
    "One version of a policy: the default (no sector) or a sector's. A sample is judged by the version of its scope in force when it started; null targets are not judged.",
  fields: (t) => ({
    id: t.exposeID('id'),
    version: t.exposeInt('version', { description: '1, 2, … per scope.' }),
    sector: t.prismaField({
      type: Sector,
      nullable: true,
      resolve: (query, policy, _args, ctx) =>
        policy.sectorId === null
          ? null
          : ctx.app.db.prisma.sector.findUnique({ ...query, where: { id: policy.sectorId } }),
    }),
    effectiveFrom: t.expose('effectiveFrom', { type: 'DateTime' }),
    firstResponseSeconds: t.exposeFloat('firstResponseSeconds', { nullable: true }),
    nextResponseSeconds: t.exposeFloat('nextResponseSeconds', {
      nullable: true,
      description: "For every response after the cycle's first, while a customer waits.",
    }),
    resolutionSeconds: t.exposeFloat('resolutionSeconds', { nullable: true }),
    clock: t.field({ type: ClockEnum, resolve: (policy) => policy.clock }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const SetSlaPolicyInput = builder.inputType('SetSlaPolicyInput', {
  fields: (t) => ({
    sectorId: t.globalID({ for: Sector, description: "A sector's own policy; omitted: the default." }),
    firstResponseSeconds: t.float(),
    nextResponseSeconds: t.float(),
    resolutionSeconds: t.float(),
    clock: t.field({ type: ClockEnum, defaultValue: 'CALENDAR' }),
    effectiveFrom: t.field({
      type: 'DateTime',
      description:
        "When this version starts to apply (default: now); earlier dates judge the history again. Not before the scope's current version.",
    }),
  }),
});

const MAX_TARGET_SECONDS = 366 * 86_400;

function checkedTarget(name: string, value: number | null | undefined): number | null {
  if (value == null) return null;
  if (!(value > 0) || value > MAX_TARGET_SECONDS)
    throw badInput(`${name} must be between 0 and 366 days, in seconds.`);
  return value;
}

const SlaStatus = builder
  .objectRef<{
    kind: 'FIRST_RESPONSE' | 'NEXT_RESPONSE' | 'RESOLUTION';
    state: 'OK' | 'AT_RISK' | 'BREACHED';
    targetSeconds: number;
    startedAt: number;
    atRiskAt: number | null;
    dueAt: number | null;
  }>('SlaStatus')
  .implement({
    authScopes: everyRole,
    description: 'A target running on an open conversation, measured on its policy clock.',
    fields: (t) => {
      const instant = (at: number | null) => (at === null ? null : new Date(at));
      // Computed in memory from the conversation already read: its fields cost nothing more.
      const free = { complexity: 0 };
      return {
        kind: t.field({ ...free, type: SlaKindEnum, resolve: (s) => s.kind }),
        state: t.field({ ...free, type: SlaStateEnum, resolve: (s) => s.state }),
        targetSeconds: t.exposeFloat('targetSeconds', free),
        startedAt: t.field({
          ...free,
          type: 'DateTime',
          description: 'waitingSince for a response target, the cycle start for resolution.',
          resolve: (s) => new Date(s.startedAt),
        }),
        atRiskAt: t.field({ ...free, type: 'DateTime', nullable: true, resolve: (s) => instant(s.atRiskAt) }),
        dueAt: t.field({
          ...free,
          type: 'DateTime',
          nullable: true,
          description: 'When the target is breached (null: the schedule never gets there).',
          resolve: (s) => instant(s.dueAt),
        }),
      };
    },
  });

builder.prismaObjectField(Conversation, 'sla', (t) =>
  t.field({
    type: [SlaStatus],
    // At most two run at once: a response target (first or next) and resolution.
    complexity: { field: 1, multiplier: 2 },
    description:
      'The service-level targets running now (none on a closed conversation or without a policy), breached first.',
    select: {
      id: true,
      sectorId: true,
      status: true,
      internal: true,
      waitingSince: true,
      openedAt: true,
      timelineState: true,
    },
    resolve: async (c, _args, ctx) => {
      if (c.internal || c.status === 'CLOSED') return [];
      const state = (c.timelineState ?? {}) as {
        answered?: boolean;
        lastCycle?: { closedAt: string | null };
      };
      const clocks = await ctx.app.sla.clocksFor(
        subjectOf({
          id: c.id,
          sectorId: c.sectorId,
          waitingSince: c.waitingSince,
          openedAt: c.openedAt,
          answered: state.answered,
          cycleClosed: Boolean(state.lastCycle?.closedAt),
        }),
      );
      const rank = { BREACHED: 0, AT_RISK: 1, OK: 2 } as const;
      return clocks.sort(
        (a, b) => rank[a.state] - rank[b.state] || (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity),
      );
    },
  }),
);

const SlaAlertRef = builder.objectRef<SlaAlert>('SlaAlert').implement({
  authScopes: everyRole,
  description:
    'A target crossed 75 % (AT_RISK) or 100 % (BREACHED), or stopped applying (OK: cleared by a reply or a close).',
  fields: (t) => ({
    conversation: t.prismaField({
      type: Conversation,
      resolve: (query, alert, _args, ctx) =>
        ctx.app.db.prisma.conversation.findUniqueOrThrow({ ...query, where: { id: alert.conversationId } }),
    }),
    kind: t.field({ type: SlaKindEnum, resolve: (a) => a.kind }),
    state: t.field({ type: SlaStateEnum, resolve: (a) => a.state }),
    dueAt: t.expose('dueAt', { type: 'DateTime', nullable: true }),
    at: t.expose('at', { type: 'DateTime', description: 'When it was pushed.' }),
  }),
});

const RatingBandRef = builder.simpleObject('RatingBand', {
  authScopes: everyRole,
  fields: (t) => ({
    label: t.string(),
    upToSeconds: t.float({
      nullable: true,
      description: 'Upper bound, included; null for the last, open band.',
    }),
  }),
});
const RatingBandInput = builder.inputType('RatingBandInput', {
  fields: (t) => ({ label: t.string({ required: true }), upToSeconds: t.float() }),
});

builder.queryFields((t) => ({
  slaPolicies: t.field({
    type: [SlaPolicy],
    description: 'The version in force of each scope (the default first), or every version with `history`.',
    args: { history: t.arg.boolean({ defaultValue: false }) },
    resolve: async (_root, args, ctx) => {
      const { policies } = await loadRules(ctx.app.db.prisma, ctx.app.config.timeZone);
      const scopes = [policies.organization, ...policies.sectors.values()];
      if (args.history) return scopes.flat();
      const now = Date.now();
      return scopes.flatMap(
        (versions) => versions.find((v) => v.effectiveFrom.getTime() <= now) ?? versions.at(-1) ?? [],
      );
    },
  }),
  ratingBands: t.field({
    type: [RatingBandRef],
    description: 'The response-time rating bands, fastest first.',
    resolve: (_root, _args, ctx) => loadRatingBands(ctx.app.db),
  }),
}));

builder.mutationFields((t) => ({
  setSlaPolicy: t.field({
    type: SlaPolicy,
    authScopes: adminOnly,
    description:
      "A new version of the default policy or of a sector's; the history is judged again in the background.",
    args: { input: t.arg({ type: SetSlaPolicyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { prisma } = ctx.app.db;
      const sectorId = input.sectorId ? Number(input.sectorId.id) : null;
      if (sectorId !== null && !(await prisma.sector.findUnique({ where: { id: sectorId } }))) {
        throw new GraphQLError('No sector with this id.', { extensions: { code: 'NOT_FOUND' } });
      }
      const targets: Omit<SlaTargets, 'clock'> = {
        firstResponseSeconds: checkedTarget('firstResponseSeconds', input.firstResponseSeconds),
        nextResponseSeconds: checkedTarget('nextResponseSeconds', input.nextResponseSeconds),
        resolutionSeconds: checkedTarget('resolutionSeconds', input.resolutionSeconds),
      };
      const scope = scopeOf(sectorId);
      const effectiveFrom = input.effectiveFrom ?? new Date();
      const created = await prisma.$transaction(async (tx) => {
        // One writer per scope at a time: versions are numbered without gaps or twins.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sla:${scope}`}))`;
        const latest = await tx.slaPolicy.findFirst({ where: { scope }, orderBy: { version: 'desc' } });
        if (latest && effectiveFrom < latest.effectiveFrom) {
          throw badInput(
            `effectiveFrom cannot precede the current version's (${latest.effectiveFrom.toISOString()}).`,
          );
        }
        return tx.slaPolicy.create({
          data: {
            scope,
            sectorId,
            version: (latest?.version ?? 0) + 1,
            effectiveFrom,
            ...targets,
            clock: input.clock ?? 'CALENDAR',
          },
        });
      });
      serviceLevelsChanged(ctx.app);
      return { ...created, clock: created.clock };
    },
  }),
  setRatingBands: t.field({
    type: [RatingBandRef],
    authScopes: adminOnly,
    description: `2 to ${MAX_RATING_BANDS} bands, fastest first, the last one open (upToSeconds null); null restores the defaults.`,
    args: { bands: t.arg({ type: [RatingBandInput] }) },
    resolve: async (_root, args, ctx) => {
      if (!args.bands) return saveRatingBands(ctx.app.db, null);
      const bands = args.bands.map((band) => ({
        label: band.label.trim(),
        upToSeconds: band.upToSeconds ?? null,
      }));
      const problem = ratingBandsProblem(bands);
      if (problem) throw badInput(`Rating bands: ${problem}.`);
      return saveRatingBands(ctx.app.db, bands);
    },
  }),
}));

builder.subscriptionFields((t) => ({
  slaAlerts: t.field({
    type: SlaAlertRef,
    description:
      'First every target now at risk or breached, then each crossing as it happens (within a second) and each clearing (state OK).',
    subscribe: (_root, _args, ctx: Context) => ctx.app.sla.alerts(),
    resolve: (alert) => alert,
  }),
}));
