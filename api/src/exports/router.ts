import { encodeGlobalID } from '@pothos/plugin-relay';
import express, { type Request, type Response } from 'express';
import { execute, type GraphQLSchema, parse } from 'graphql';
import { z } from 'zod';
import { authenticate, bearerToken, type InstanceSecrets, type Viewer } from '../auth.js';
import type { AuthFailures } from '../auth-failures.js';
import { type App, createContext } from '../context.js';
import { isDatabaseUnavailable } from '../db/health.js';
import { ConversationStatus, OriginKind } from '../generated/prisma/enums.js';
import { decodeGlobalId } from '../graphql-input.js';
import { type CycleExport, cycleColumns, cycleRows } from './cycles.js';
import { type Cell, type Column, contentTypes, type TableFormat, writeTable } from './table.js';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const idOf = (typename: string) =>
  z.string().transform((value, ctx) => {
    try {
      const decoded = decodeGlobalId(value);
      if (decoded.typename === typename) return decoded;
    } catch {}
    ctx.addIssue({ code: 'custom', message: `must be a ${typename} id returned by the API` });
    return z.NEVER;
  });

const period = z
  .object({
    from: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date and time, e.g. 2026-03-01T00:00:00-03:00' })
      .transform((v) => new Date(v)),
    to: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date and time, e.g. 2026-03-08T00:00:00-03:00' })
      .transform((v) => new Date(v)),
    clock: z
      .string()
      .transform((v) => v.toUpperCase())
      .pipe(z.enum(['CALENDAR', 'BUSINESS'], { error: 'must be calendar or business' }))
      .default('CALENDAR'),
    dialect: z.enum(['excel-br'], { error: 'must be excel-br (or left out for plain CSV)' }).optional(),
    format: z.enum(['csv', 'xlsx'], { error: 'must be csv or xlsx' }).optional(),
  })
  .refine((q) => q.from < q.to, { message: 'must be before to', path: ['from'] });

const agentQuery = period.and(z.object({ sectorId: idOf('Sector').optional() }));

const UNAVAILABLE = 'The database is unavailable right now; retry the export shortly.';

/** `a,b,c` of an enum's values, case-insensitive. */
const enumList = <T extends Record<string, string>>(values: T) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim().toUpperCase()))
    .pipe(z.array(z.enum(values, { error: `must be among ${Object.values(values).join(', ')}` })));

const cycleQuery = period.and(
  z.object({
    agentId: idOf('Agent').optional(),
    sectorId: idOf('Sector').optional(),
    tagId: idOf('Tag').optional(),
    statuses: enumList(ConversationStatus).optional(),
    origins: enumList(OriginKind).optional(),
    outsideBusinessHours: flag.optional(),
    includeInternal: flag.optional(),
    search: z.string().max(200).optional(),
  }),
);

/** What a request asks for, or a 400 naming every parameter that is wrong. */
function read<T>(schema: z.ZodType<T>, req: Request, res: Response): T | null {
  const query = Object.fromEntries(
    Object.entries(req.query).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  res.status(400).json({
    error: parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`)
      .join('; '),
  });
  return null;
}

const formatOf = (q: { dialect?: 'excel-br'; format?: 'csv' | 'xlsx' }): TableFormat =>
  q.format === 'xlsx' ? 'xlsx' : (q.dialect ?? 'csv');

const day = (date: Date) => date.toISOString().slice(0, 10);

async function stream(
  res: Response,
  name: string,
  q: { from: Date; to: Date; dialect?: 'excel-br'; format?: 'csv' | 'xlsx' },
  sheet: string,
  columns: readonly Column[],
  rows: AsyncIterable<Cell[]>,
  app: Pick<App, 'logger'>,
) {
  const format = formatOf(q);
  const file = `radar-${name}-${day(q.from)}_${day(q.to)}.${format === 'xlsx' ? 'xlsx' : 'csv'}`;
  // The first rows are read before anything is sent: a failure then is a plain JSON answer.
  const iterator = rows[Symbol.asyncIterator]();
  let first: IteratorResult<Cell[]>;
  try {
    first = await iterator.next();
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    app.logger.error({ err: failure, export: name }, 'export failed before its first row');
    const unavailable = isDatabaseUnavailable(failure);
    res.status(unavailable ? 503 : 500).json({
      error: unavailable
        ? UNAVAILABLE
        : 'The export failed before its first row; retry it, or see the server log.',
      code: unavailable ? 'DATABASE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR',
    });
    return;
  }
  const all = (async function* () {
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  res.status(200);
  res.set({
    'Content-Type': contentTypes[format],
    'Content-Disposition': `attachment; filename="${file}"`,
    'Cache-Control': 'no-store',
  });
  try {
    await writeTable(res, format, sheet, columns, all);
  } catch (error) {
    // Half a file must not look whole: the connection is cut, and the client sees the failure.
    app.logger.error({ err: error, export: name }, 'export failed while streaming');
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

const agentColumns: readonly Column[] = [
  { key: 'agent_id', label: 'ID do atendente (Radar)', kind: 'text' },
  { key: 'agent', label: 'Atendente', kind: 'text' },
  { key: 'handled', label: 'Atendimentos com resposta', kind: 'number' },
  { key: 'resolved', label: 'Atendimentos resolvidos', kind: 'number' },
  { key: 'messages_sent', label: 'Mensagens enviadas', kind: 'number' },
  { key: 'assignments', label: 'Atribuições', kind: 'number' },
  { key: 'transfers_in', label: 'Transferências recebidas', kind: 'number' },
  { key: 'transfers_out', label: 'Transferências feitas', kind: 'number' },
  ...(['response', 'first_response', 'resolution'] as const).flatMap((kind) => {
    const label = { response: 'Resposta', first_response: 'Primeira resposta', resolution: 'Resolução' }[
      kind
    ];
    return [
      { key: `${kind}_count`, label: `${label}: amostras`, kind: 'number' },
      { key: `${kind}_mean_seconds`, label: `${label}: média (s)`, kind: 'number' },
      { key: `${kind}_median_seconds`, label: `${label}: mediana (s)`, kind: 'number' },
      { key: `${kind}_p90_seconds`, label: `${label}: p90 (s)`, kind: 'number' },
    ] satisfies Column[];
  }),
  { key: 'sla_first_response_rate', label: 'SLA primeira resposta (taxa)', kind: 'number' },
  { key: 'sla_next_response_rate', label: 'SLA próximas respostas (taxa)', kind: 'number' },
  { key: 'sla_resolution_rate', label: 'SLA resolução (taxa)', kind: 'number' },
];

const stats = 'count mean median p90';
const agentMetricsDocument = parse(`
  query AgentExport($from: DateTime!, $to: DateTime!, $clock: Clock, $sectorId: ID) {
    agentMetrics(from: $from, to: $to, clock: $clock, sectorId: $sectorId) {
      agent { id displayName }
      conversationsHandled conversationsResolved messagesSent assignments transfersIn transfersOut
      responseTime { ${stats} } firstResponseTime { ${stats} } resolutionTime { ${stats} }
      sla { firstResponse { rate } nextResponse { rate } resolution { rate } }
    }
  }`);

interface Duration {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/**
 * `GET /api/exports/cycles.csv` (one row per cycle) and `GET /api/exports/agents.csv` (the
 * per-agent table of "Desempenho", computed by the same GraphQL field): any role that reads
 * conversations, with its Bearer token; `&dialect=excel-br` or `&format=xlsx`.
 */
export function exportsRouter(
  app: App,
  secrets: InstanceSecrets,
  failures: AuthFailures,
  schema: GraphQLSchema,
) {
  const router = express.Router();
  const viewers = new WeakMap<Request, Viewer>();

  router.use(async (req, res, next) => {
    try {
      const viewer = await authenticate(app.db, secrets, bearerToken(req.get('authorization')));
      if (viewer) {
        viewers.set(req, viewer);
        next();
        return;
      }
      const retryAfter = await failures.wrong(req.ip ?? 'unknown');
      if (retryAfter !== null) res.set('Retry-After', String(retryAfter));
      res.status(retryAfter === null ? 401 : 429).json({
        error: 'A valid access token is required: Authorization: Bearer <token>.',
      });
    } catch (error) {
      if (error instanceof Error && isDatabaseUnavailable(error)) {
        res.status(503).json({ error: UNAVAILABLE, code: 'DATABASE_UNAVAILABLE' });
        return;
      }
      next(error);
    }
  });

  router.get(['/cycles.csv', '/cycles.xlsx'], async (req, res) => {
    const q = read(cycleQuery, req, res);
    if (!q) return;
    if (req.path.endsWith('.xlsx')) q.format = 'xlsx';
    const query: CycleExport = {
      from: q.from,
      to: q.to,
      clock: q.clock,
      filter: {
        agentId: q.agentId,
        sectorId: q.sectorId,
        tagId: q.tagId,
        statuses: q.statuses,
        origins: q.origins,
        outsideBusinessHours: q.outsideBusinessHours,
        includeInternal: q.includeInternal,
        search: q.search,
      },
    };
    await stream(res, 'atendimentos', q, 'Atendimentos', cycleColumns, cycleRows(app, query), app);
  });

  router.get(['/agents.csv', '/agents.xlsx'], async (req, res) => {
    const q = read(agentQuery, req, res);
    if (!q) return;
    if (req.path.endsWith('.xlsx')) q.format = 'xlsx';
    const result = await execute({
      schema,
      document: agentMetricsDocument,
      variableValues: {
        from: q.from.toISOString(),
        to: q.to.toISOString(),
        clock: q.clock,
        sectorId: q.sectorId ? encodeGlobalID('Sector', q.sectorId.id) : null,
      },
      contextValue: createContext(app, viewers.get(req) ?? null),
    });
    if (result.errors?.length) {
      // Errors straight from `execute` (not the HTTP server's masking): the cause decides.
      const unavailable = result.errors.some(
        (e) => e.originalError instanceof Error && isDatabaseUnavailable(e.originalError),
      );
      if (unavailable) res.status(503).json({ error: UNAVAILABLE, code: 'DATABASE_UNAVAILABLE' });
      else res.status(400).json({ error: result.errors.map((e) => e.message).join('; ') });
      return;
    }
    const list = (result.data?.agentMetrics ?? []) as {
      agent: { id: string; displayName: string };
      conversationsHandled: number;
      conversationsResolved: number;
      messagesSent: number;
      assignments: number;
      transfersIn: number;
      transfersOut: number;
      responseTime: Duration;
      firstResponseTime: Duration;
      resolutionTime: Duration;
      sla: {
        firstResponse: { rate: number | null };
        nextResponse: { rate: number | null };
        resolution: { rate: number | null };
      };
    }[];
    async function* rows(): AsyncGenerator<Cell[]> {
      for (const m of list) {
        yield [
          m.agent.id,
          m.agent.displayName,
          m.conversationsHandled,
          m.conversationsResolved,
          m.messagesSent,
          m.assignments,
          m.transfersIn,
          m.transfersOut,
          ...[m.responseTime, m.firstResponseTime, m.resolutionTime].flatMap((d) => [
            d.count,
            d.mean,
            d.median,
            d.p90,
          ]),
          m.sla.firstResponse.rate,
          m.sla.nextResponse.rate,
          m.sla.resolution.rate,
        ];
      }
    }
    await stream(res, 'desempenho', q, 'Desempenho', agentColumns, rows(), app);
  });

  return router;
}
