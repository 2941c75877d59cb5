import { adminOnly, builder, everyRole } from '../builder.js';
import { recomputeJob } from '../db/recompute.js';
import type { OriginKind } from '../generated/prisma/client.js';
import { badInput } from '../graphql-input.js';

// Where conversations come from: an ad (Umbler's `Ad` on the first customer message), a rule on
// the first message's text (a website's prefilled "Olá, vim pelo site"), or directly.

export const OriginKindEnum = builder.enumType('OriginKind', {
  values: {
    AD: { description: 'The first customer message came from an ad (click-to-WhatsApp).' },
    WEBSITE: { description: 'A first-message rule says: the website.' },
    OTHER: { description: 'A first-message rule names another origin.' },
    DIRECT: { description: 'No ad and no rule: the customer wrote directly.' },
  } as const,
});

export interface OriginShape {
  kind: OriginKind;
  name: string | null;
  source: string | null;
}

/** A cycle's stored origin columns, undecided (no customer message yet) read as DIRECT. */
export const originOf = (cycle: {
  origin: OriginKind | null;
  originName: string | null;
  originSource: string | null;
}): OriginShape => ({
  kind: cycle.origin ?? 'DIRECT',
  name: cycle.origin ? cycle.originName : null,
  source: cycle.origin ? cycle.originSource : null,
});

export const Origin = builder.objectRef<OriginShape>('Origin').implement({
  authScopes: everyRole,
  description: 'Where a cycle came from, decided by its first customer message (notes left out).',
  fields: (t) => ({
    kind: t.field({ type: OriginKindEnum, resolve: (o) => o.kind }),
    name: t.exposeString('name', {
      nullable: true,
      description: "The ad's title, or the matching rule's name.",
    }),
    source: t.exposeString('source', {
      nullable: true,
      description: "The ad's URL, source type or id, as Umbler sent it.",
    }),
  }),
});

const OriginRule = builder.prismaObject('OriginRule', {
  authScopes: everyRole,
  description:
    'A first-message rule: a cycle whose first customer message carries no ad and contains `pattern` (case-insensitive) gets `origin` and `name`. The rule with the lowest position that matches wins.',
  fields: (t) => ({
    id: t.exposeID('id'),
    position: t.exposeInt('position'),
    pattern: t.exposeString('pattern'),
    origin: t.field({ type: OriginKindEnum, resolve: (rule) => rule.origin }),
    name: t.exposeString('name', { nullable: true }),
  }),
});

const SetOriginRuleInput = builder.inputType('SetOriginRuleInput', {
  fields: (t) => ({
    id: t.id({ description: 'A rule to change; omitted: a new rule, placed last.' }),
    pattern: t.string({
      required: true,
      description: 'Text the first message contains (1 to 200 characters).',
    }),
    origin: t.field({ type: OriginKindEnum, required: true, description: 'WEBSITE or OTHER.' }),
    name: t.string({ description: 'Shown with the origin, e.g. "Instagram" or "Site – orçamento".' }),
    position: t.int({ description: 'Lower positions are tried first; default: after the others.' }),
  }),
});

const MAX_RULES = 100;

/** Rules changed: every cycle's origin is decided again in the background. */
const rulesChanged = (app: Parameters<typeof recomputeJob>[0]) => recomputeJob(app).request('origins');

builder.queryFields((t) => ({
  originRules: t.prismaField({
    type: [OriginRule],
    description: 'The first-message rules, in the order they are tried.',
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.originRule.findMany({ ...query, orderBy: [{ position: 'asc' }, { id: 'asc' }] }),
  }),
}));

builder.mutationFields((t) => ({
  setOriginRule: t.prismaField({
    type: OriginRule,
    authScopes: adminOnly,
    description: "Adds or changes a rule; every cycle's origin is decided again in the background.",
    args: { input: t.arg({ type: SetOriginRuleInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const pattern = input.pattern.trim();
      if (!pattern || pattern.length > 200) throw badInput('The text must have 1 to 200 characters.');
      if (input.origin !== 'WEBSITE' && input.origin !== 'OTHER') {
        throw badInput('A rule gives WEBSITE or OTHER: AD comes from the ad data, DIRECT is the default.');
      }
      const name = input.name?.trim() || null;
      if (name && name.length > 120) throw badInput('The name must have at most 120 characters.');
      const { prisma } = ctx.app.db;
      if (input.id == null && (await prisma.originRule.count()) >= MAX_RULES) {
        throw badInput(`At most ${MAX_RULES} rules.`);
      }
      const id = input.id == null ? null : Number(input.id);
      const stored =
        id === null || !Number.isInteger(id) ? null : await prisma.originRule.findUnique({ where: { id } });
      if (id !== null && !stored) throw badInput(`No rule ${input.id}.`);
      // A changed rule keeps its place unless told otherwise; a new one goes last.
      const position =
        input.position ??
        stored?.position ??
        ((await prisma.originRule.aggregate({ _max: { position: true } }))._max.position ?? 0) + 1;
      const data = { pattern, origin: input.origin, name, position };
      const rule =
        id === null
          ? await prisma.originRule.create({ ...query, data })
          : await prisma.originRule.update({ ...query, where: { id }, data });
      rulesChanged(ctx.app);
      return rule;
    },
  }),
  removeOriginRule: t.boolean({
    authScopes: adminOnly,
    description: 'True when the rule existed.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = Number(args.id);
      if (!Number.isInteger(id)) return false;
      const removed = (await ctx.app.db.prisma.originRule.deleteMany({ where: { id } })).count > 0;
      if (removed) rulesChanged(ctx.app);
      return removed;
    },
  }),
}));
