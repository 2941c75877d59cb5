// pnpm bench [--pglite] [--messages=1000000] [--days=30] [--repetitions=20] [--events=2000] [--keep]
//
// Seeds a throwaway database with synthetic derived data at scale, times the metrics queries
// through in-process GraphQL, then times ingest through recordConversationEvent, and drops the
// database. Seeding writes the derived tables directly with INSERT ... SELECT generate_series:
// replaying a million messages through the mutation would take hours, and what is measured
// here is reading. PostgreSQL by default (a new database next to DATABASE_URL or
// TEST_DATABASE_URL); --pglite runs on an in-memory PGlite instead.
import { parseArgs } from 'node:util';
import { execute, parse } from 'graphql';
import { loadConfig } from '../src/config.js';
import { type App, createContext } from '../src/context.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { createPubSub } from '../src/pubsub.js';
import { schema } from '../src/schema/index.js';
import { createSlaMonitor } from '../src/sla-monitor.js';
import { throwawayPostgres } from './bench-support.js';

const { values: options } = parseArgs({
  options: {
    pglite: { type: 'boolean', default: false },
    messages: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '30' },
    repetitions: { type: 'string', default: '20' },
    events: { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const messages = Number(options.messages);
const days = Number(options.days);
const repetitions = Number(options.repetitions);
const events = Number(options.events);
if (![messages, days, repetitions, events].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('--messages, --days, --repetitions and --events take positive whole numbers.');
  process.exit(2);
}
const agents = 40;
const messagesPerConversation = 20;
const conversations = Math.max(1, Math.floor(messages / messagesPerConversation));
// A local midnight in São Paulo, so that day buckets are whole.
const from = new Date('2026-01-01T03:00:00Z');
const to = new Date(from.getTime() + days * 86_400_000);

const viewer = { role: 'ADMIN', name: 'bench', tokenId: null } as const;

/** A new database on the server, or an in-memory PGlite; `drop` removes it. */
async function openBenchDatabase(): Promise<{ db: Database; drop: () => Promise<void>; where: string }> {
  if (options.pglite) {
    const db = await openDatabase({ memory: true });
    return { db, drop: () => db.close(), where: 'PGlite (in memory)' };
  }
  const server = await throwawayPostgres();
  const db = await openDatabase({ url: server.url });
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await db.close().catch(() => {});
    if (options.keep)
      return console.log(`\nKept database ${server.name} on ${server.host}: drop it when done.`);
    await server.drop();
  };
  return { db, drop, where: `PostgreSQL, database ${server.name} on ${server.host}` };
}

/** Plausible shapes, not a replay: 20 messages per conversation, every fifth one reopened. */
function seedStatements(): string[] {
  const C = conversations;
  const base = (c: string) =>
    `'${from.toISOString()}'::timestamptz + make_interval(secs => (${c} - 1)::float8 / ${C} * ${days} * 86400)`;
  const nth = `((m.id - 1) / ${C})`;
  return [
    // Seeding a million rows takes longer than a request may: no statement timeout for it.
    `SET statement_timeout = 0`,
    `SELECT setseed(0.42)`,
    `INSERT INTO agents (id, external_id, name)
     SELECT a, 'bench-agent-' || a, 'Agente ' || lpad(a::text, 2, '0') FROM generate_series(1, ${agents}) a`,
    // One chat in 500 is between agents: stored, and left out of every metric.
    `INSERT INTO conversations (id, external_id, assignee_id, internal, open, status, state_at, last_activity_at)
     SELECT c, 'bench-chat-' || c, 1 + c % ${agents}, c % 500 = 0, false, 'CLOSED', ${base('c')}, ${base('c')}
     FROM generate_series(1, ${C}) c`,
    // Message j is message n = j / C of conversation 1 + j % C; messages 10+ of every fifth
    // conversation come six hours later, in a second cycle.
    `INSERT INTO messages (id, external_id, conversation_id, sent_at, sender, is_note, agent_id, type, cycle_index)
     SELECT j + 1, 'bench-m-' || j, c,
            ${base('c')} + make_interval(secs => n * 300 + random() * 240 + CASE WHEN reopened AND n >= 10 THEN 21600 ELSE 0 END),
            (CASE WHEN n = 16 THEN 'AGENT' WHEN n % 10 = 9 THEN 'BOT' WHEN n % 2 = 0 THEN 'CUSTOMER' ELSE 'AGENT' END)::"SenderKind",
            n = 16,
            CASE WHEN n = 16 OR (n % 2 = 1 AND n % 10 <> 9) THEN 1 + (c + (c % 10 = 3 AND n >= 12)::int) % ${agents} END,
            'TEXT',
            CASE WHEN reopened AND n >= 10 THEN 1 ELSE 0 END
     FROM generate_series(0, ${messages - 1}) j,
          LATERAL (SELECT 1 + j % ${C} AS c, j / ${C} AS n, (1 + j % ${C}) % 5 = 0 AS reopened) x`,
    `INSERT INTO cycles (conversation_id, index, started_at, closed_at, resolved_by_id)
     SELECT conversation_id, cycle_index, min(sent_at),
            CASE WHEN conversation_id % 10 <> 7 OR cycle_index = 0 AND conversation_id % 5 = 0
                 THEN max(sent_at) + interval '2 minutes' END,
            CASE WHEN conversation_id % 20 <> 11 THEN 1 + (conversation_id + (conversation_id % 10 = 3)::int) % ${agents} END
     FROM messages m GROUP BY conversation_id, cycle_index`,
    // Open 24×7 (no schedule set): business seconds equal calendar seconds.
    `INSERT INTO samples (kind, conversation_id, cycle_index, agent_id, started_at, ended_at, seconds, business_seconds)
     SELECT kind, conversation_id, cycle_index, agent_id, sent_at - make_interval(secs => seconds), sent_at, seconds, seconds
     FROM (
       SELECT m.*, -ln(1 - random()) * 300 AS seconds, ${nth} AS n
       FROM messages m WHERE m.sender = 'AGENT' AND NOT m.is_note
     ) reply,
     LATERAL (VALUES ('RESPONSE'::"SampleKind"),
                     (CASE WHEN n = 1 OR n = 11 AND cycle_index = 1 THEN 'FIRST_RESPONSE'::"SampleKind" END)) k(kind)
     WHERE kind IS NOT NULL`,
    `INSERT INTO samples (kind, conversation_id, cycle_index, agent_id, started_at, ended_at, seconds, business_seconds)
     SELECT 'RESOLUTION', conversation_id, index, resolved_by_id, started_at, closed_at,
            extract(epoch FROM closed_at - started_at), extract(epoch FROM closed_at - started_at)
     FROM cycles WHERE closed_at IS NOT NULL`,
    `INSERT INTO assignment_changes (conversation_id, at, from_agent_id, to_agent_id, is_transfer)
     SELECT c, ${base('c')} + interval '1 minute', NULL, 1 + c % ${agents}, false FROM generate_series(1, ${C}) c
     UNION ALL
     SELECT c, ${base('c')} + interval '55 minutes', 1 + c % ${agents}, 1 + (c + 1) % ${agents}, true
     FROM generate_series(1, ${C}) c WHERE c % 10 = 3
     UNION ALL
     SELECT c, ${base('c')} + interval '90 minutes', 1 + c % ${agents}, NULL, false
     FROM generate_series(1, ${C}) c WHERE c % 20 = 11`,
    // As recomputeConversation leaves them: nothing derived for chats between agents.
    ...['cycles', 'samples', 'assignment_changes'].map(
      (table) => `DELETE FROM ${table} d USING conversations c WHERE c.id = d.conversation_id AND c.internal`,
    ),
    `UPDATE messages m SET cycle_index = NULL FROM conversations c WHERE c.id = m.conversation_id AND c.internal`,
    ...['agents', 'conversations', 'messages'].map(
      (table) => `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`,
    ),
    `VACUUM ANALYZE`,
    `RESET statement_timeout`,
  ];
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

async function timeOperation(app: App, query: string, variables: Record<string, unknown>) {
  const document = parse(query);
  const once = async () => {
    const started = performance.now();
    const result = await execute({
      schema,
      document,
      variableValues: variables,
      contextValue: createContext(app, viewer),
    });
    if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('\n'));
    return performance.now() - started;
  };
  for (let i = 0; i < 3; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1) ?? Number.NaN };
}

/** One SQL statement's latency, repeated like the reads. */
async function timeStatement(db: Database, sql: string) {
  const times: number[] = [];
  for (let i = 0; i < repetitions + 3; i++) {
    const started = performance.now();
    await db.prisma.$queryRawUnsafe(sql);
    if (i >= 3) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1) ?? Number.NaN };
}

const stats = 'fragment Stats on DurationStats { count mean median p90 }';
const readQueries: [string, string, Record<string, unknown>][] = [
  [
    `agentMetrics, ${days} days`,
    `${stats} query($from: DateTime!, $to: DateTime!, $clock: Clock) { agentMetrics(from: $from, to: $to, clock: $clock) {
       agent { id name } conversationsHandled conversationsResolved messagesSent notesSent assignments
       transfersIn transfersOut responseTime { ...Stats } firstResponseTime { ...Stats } resolutionTime { ...Stats } } }`,
    { from, to },
  ],
  [
    'agentMetrics, 1 day',
    `${stats} query($from: DateTime!, $to: DateTime!, $clock: Clock) { agentMetrics(from: $from, to: $to, clock: $clock) {
       agent { id name } conversationsHandled messagesSent responseTime { ...Stats } } }`,
    { from, to: new Date(from.getTime() + 86_400_000) },
  ],
  [
    `agents page (agent + team), ${days} days`,
    `${stats} query($from: DateTime!, $to: DateTime!, $clock: Clock) {
       agentMetrics(from: $from, to: $to, clock: $clock) {
         agent { id name } conversationsHandled conversationsResolved messagesSent notesSent assignments
         transfersIn transfersOut responseTime { ...Stats } firstResponseTime { ...Stats } resolutionTime { ...Stats } }
       teamMetrics(from: $from, to: $to, clock: $clock) {
         conversationsStarted conversationsResolved messages { customer agent bot note other }
         responseTime { ...Stats } firstResponseTime { ...Stats } resolutionTime { ...Stats } } }`,
    { from, to },
  ],
  [
    `teamMetrics, ${days} days`,
    `${stats} query($from: DateTime!, $to: DateTime!, $clock: Clock) { teamMetrics(from: $from, to: $to, clock: $clock) {
       conversationsStarted conversationsResolved messages { customer agent bot note other }
       responseTime { ...Stats } firstResponseTime { ...Stats } resolutionTime { ...Stats } } }`,
    { from, to },
  ],
  [
    `metricsSeries DAY, ${days} days`,
    `${stats} query($from: DateTime!, $to: DateTime!, $clock: Clock) { metricsSeries(clock: $clock, from: $from, to: $to, granularity: DAY) {
       start conversationsStarted responseTime { ...Stats } firstResponseTime { ...Stats } } }`,
    { from, to },
  ],
  [
    'metricsSeries HOUR, 2 days',
    `${stats} query($from: DateTime!, $to: DateTime!, $clock: Clock) { metricsSeries(clock: $clock, from: $from, to: $to, granularity: HOUR) {
       start conversationsStarted responseTime { ...Stats } firstResponseTime { ...Stats } } }`,
    { from, to: new Date(from.getTime() + 2 * 86_400_000) },
  ],
  [
    `responseTimeDistribution, ${days} days`,
    'query($from: DateTime!, $to: DateTime!, $clock: Clock) { responseTimeDistribution(from: $from, to: $to, clock: $clock) { upToSeconds count } }',
    { from, to },
  ],
  [
    `activityHeatmap, ${days} days`,
    'query($from: DateTime!, $to: DateTime!) { activityHeatmap(from: $from, to: $to) { weekday hour messages } }',
    { from, to },
  ],
];

/** A short synthetic stream: per conversation a customer message, an assignment and reply, a close. */
function ingestStream(count: number, offset: number) {
  const perConversation = 4;
  return Array.from({ length: Math.ceil(count / perConversation) }, (_, index) => {
    const chat = `bench-ingest-${offset + index}`;
    const agent = `bench-agent-${1 + (index % agents)}`;
    const at = (minutes: number) => new Date(to.getTime() + index * 1000 + minutes * 60_000).toISOString();
    const event = (step: number, minutes: number, rest: Record<string, unknown>) => ({
      eventId: `${chat}-${step}`,
      conversationExternalId: chat,
      occurredAt: at(minutes),
      ...rest,
    });
    return [
      event(1, 0, {
        changes: ['MESSAGE_ADDED'],
        contact: { externalId: `bench-contact-${offset + index}`, name: 'Cliente' },
        message: {
          externalId: `${chat}-m1`,
          sentAt: at(0),
          sender: 'CUSTOMER',
          text: 'Oi, preciso de ajuda',
        },
      }),
      event(2, 1, { changes: ['ASSIGNEE_CHANGED'], assigneeExternalId: agent }),
      event(3, 4, {
        changes: ['MESSAGE_ADDED'],
        assigneeExternalId: agent,
        message: {
          externalId: `${chat}-m2`,
          sentAt: at(4),
          sender: 'AGENT',
          agentExternalId: agent,
          text: 'Olá!',
        },
      }),
      event(4, 9, { changes: ['CLOSED'], assigneeExternalId: agent, open: false, closedAt: at(9) }),
    ];
  });
}

async function timeIngest(app: App, concurrency: number, offset: number) {
  const document = parse(
    'mutation($input: RecordConversationEventInput!) { recordConversationEvent(input: $input) { id } }',
  );
  const queue = ingestStream(events, offset);
  const total = queue.reduce((sum, conversation) => sum + conversation.length, 0);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let conversation = queue.shift(); conversation; conversation = queue.shift()) {
        for (const input of conversation) {
          const result = await execute({
            schema,
            document,
            variableValues: { input },
            contextValue: createContext(app, viewer),
          });
          if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('\n'));
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { total, seconds, perSecond: total / seconds };
}

const format = (ms: number) => `${ms.toFixed(1)} ms`.padStart(10);

async function main() {
  const { db, drop, where } = await openBenchDatabase();
  const stop = () => void drop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    console.log(`Radar bench on ${where}`);
    await migrate(db);
    const seedStarted = performance.now();
    await db.withSession(async (session) => {
      for (const statement of seedStatements()) await session.exec(statement);
    });
    const counts = await db.withSession((session) =>
      session.query<{ table: string; rows: number }>(
        `SELECT 'messages' AS table, (SELECT count(*)::int FROM messages) AS rows
         UNION ALL SELECT 'samples', (SELECT count(*)::int FROM samples)
         UNION ALL SELECT 'cycles', (SELECT count(*)::int FROM cycles)
         UNION ALL SELECT 'assignment changes', (SELECT count(*)::int FROM assignment_changes)
         UNION ALL SELECT 'conversations', (SELECT count(*)::int FROM conversations)
         UNION ALL SELECT 'agents', (SELECT count(*)::int FROM agents)`,
      ),
    );
    console.log(
      `Seeded ${days} days in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s: ${counts
        .map((row) => `${row.rows.toLocaleString('en')} ${row.table}`)
        .join(', ')}\n`,
    );

    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const logger = createLogger('silent');
    const pubsub = createPubSub({ logger });
    const app: App = { config, db, logger, pubsub, sla: createSlaMonitor({ db, pubsub, logger, config }) };

    // The reference of issue 11.8: one full scan of the samples table, timed in this run.
    const scan = await timeStatement(db, 'SELECT count(*), sum(seconds), sum(business_seconds) FROM samples');
    console.log(`Reads (in-process GraphQL, ${repetitions} runs after 3 warm-ups)`);
    console.log(
      `${'operation'.padEnd(44)}${'p50'.padStart(10)}${'p95'.padStart(10)}${'max'.padStart(10)}${'p50 / scan'.padStart(12)}`,
    );
    console.log(
      `${'full scan of samples (reference)'.padEnd(44)}${format(scan.p50)}${format(scan.p95)}${format(scan.max)}`,
    );
    for (const [label, query, variables] of readQueries) {
      for (const clock of label.includes(`${days} days`) && /agent|team/.test(label)
        ? ['CALENDAR', 'BUSINESS']
        : ['CALENDAR']) {
        const { p50, p95, max } = await timeOperation(app, query, { ...variables, clock });
        const name = clock === 'BUSINESS' ? `${label}, business clock` : label;
        console.log(
          `${name.padEnd(44)}${format(p50)}${format(p95)}${format(max)}${`${(p50 / scan.p50).toFixed(1)}×`.padStart(12)}`,
        );
      }
    }

    console.log('\nIngest (recordConversationEvent, 4 events per conversation)');
    console.log(
      `${'run'.padEnd(40)}${'events'.padStart(10)}${'seconds'.padStart(10)}${'events/s'.padStart(10)}`,
    );
    const runs = db.kind === 'postgres' ? [1, 4] : [1];
    for (const [index, concurrency] of runs.entries()) {
      const { total, seconds, perSecond } = await timeIngest(app, concurrency, index * events);
      const label = concurrency === 1 ? 'one at a time' : `${concurrency} conversations at a time`;
      console.log(
        `${label.padEnd(40)}${String(total).padStart(10)}${seconds.toFixed(1).padStart(10)}${perSecond.toFixed(0).padStart(10)}`,
      );
    }
    await app.pubsub.close();
  } finally {
    await drop();
  }
}

await main();
