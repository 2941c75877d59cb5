-- CreateTable
CREATE TABLE "sample_days" (
    "day" DATE NOT NULL,
    "agent_key" INTEGER NOT NULL,
    "kind" "SampleKind" NOT NULL,
    "count" INTEGER NOT NULL,
    "sum_seconds" DOUBLE PRECISION NOT NULL,
    "sum_business_seconds" DOUBLE PRECISION NOT NULL,
    "sla_total" INTEGER NOT NULL,
    "sla_met" INTEGER NOT NULL,
    "seconds" BYTEA NOT NULL,
    "business_seconds" BYTEA NOT NULL,

    CONSTRAINT "sample_days_pkey" PRIMARY KEY ("day","agent_key","kind")
);

-- CreateTable
CREATE TABLE "agent_days" (
    "day" DATE NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "replies" INTEGER NOT NULL DEFAULT 0,
    "notes" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "assigned" INTEGER NOT NULL DEFAULT 0,
    "transfers_in" INTEGER NOT NULL DEFAULT 0,
    "transfers_out" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "agent_days_pkey" PRIMARY KEY ("day","agent_id")
);

-- CreateTable
CREATE TABLE "agent_cycle_days" (
    "agent_id" INTEGER NOT NULL,
    "conversation_id" INTEGER NOT NULL,
    "cycle_key" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "replies" INTEGER NOT NULL,
    "notes" INTEGER NOT NULL,

    CONSTRAINT "agent_cycle_days_pkey" PRIMARY KEY ("agent_id","conversation_id","cycle_key","day")
);

-- CreateTable
CREATE TABLE "handled_days" (
    "day" DATE NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "gap" INTEGER NOT NULL,
    "cycles" INTEGER NOT NULL,

    CONSTRAINT "handled_days_pkey" PRIMARY KEY ("day","agent_id","gap")
);

-- CreateTable
CREATE TABLE "team_days" (
    "day" DATE NOT NULL,
    "customer" INTEGER NOT NULL DEFAULT 0,
    "agent" INTEGER NOT NULL DEFAULT 0,
    "bot" INTEGER NOT NULL DEFAULT 0,
    "note" INTEGER NOT NULL DEFAULT 0,
    "other" INTEGER NOT NULL DEFAULT 0,
    "started" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "team_days_pkey" PRIMARY KEY ("day")
);

-- The database keeps the tables above itself: each statement that writes messages, cycles,
-- samples, assignment changes or a conversation's `internal` applies its difference at its end
-- (statement triggers with transition tables, so a batch costs a few set-based statements
-- whatever its size). Days are local to the zone of the setting `metrics.timeZone`; without it
-- nothing is kept (metric_days_rebuild fills everything for a zone and sets it).

-- Writers of the per-day tables take turns, from their first change of them until they commit:
-- additions alone could go side by side, but a day's samples are computed again from the
-- samples table, which must then hold every committed writer's (each statement after the lock
-- sees them), and one lock cannot deadlock on the many rows of a busy day.
CREATE FUNCTION metric_days_lock() RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(72707370)
$$;

-- Messages, each counted `weights[i]` times (negative: taken away), in one statement. Callers
-- leave out chats between agents. The cycles an agent handled come from their reply days: the
-- touched (agent, cycle)s' days before and after the change give what they counted in
-- handled_days (taken away) and count now (added).
CREATE FUNCTION metric_days_messages(zone text, in_weights int[], in_conversations int[], in_agents int[], in_cycles int[], in_sent timestamptz[], in_senders "SenderKind"[], in_notes boolean[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_days_lock();
  WITH m AS (
    SELECT m.weight, m.conversation, m.agent, coalesce(m.cycle, -1) AS cycle, (m.sent AT TIME ZONE zone)::date AS day,
           m.sender = 'AGENT' AND NOT m.note AS reply, m.sender, m.note
    FROM unnest(in_weights, in_conversations, in_agents, in_cycles, in_sent, in_senders, in_notes)
         AS m(weight, conversation, agent, cycle, sent, sender, note)
  ),
  team AS (
    INSERT INTO team_days AS t (day, customer, agent, bot, note, other)
    SELECT day,
           coalesce(sum(weight) FILTER (WHERE sender = 'CUSTOMER' AND NOT note), 0),
           coalesce(sum(weight) FILTER (WHERE reply), 0),
           coalesce(sum(weight) FILTER (WHERE sender = 'BOT' AND NOT note), 0),
           coalesce(sum(weight) FILTER (WHERE note), 0),
           coalesce(sum(weight) FILTER (WHERE sender = 'OTHER' AND NOT note), 0)
    FROM m GROUP BY day ORDER BY day
    ON CONFLICT (day) DO UPDATE SET
      customer = t.customer + excluded.customer, agent = t.agent + excluded.agent, bot = t.bot + excluded.bot,
      note = t.note + excluded.note, other = t.other + excluded.other
  ),
  delta AS (
    SELECT agent AS agent_id, conversation AS conversation_id, cycle AS cycle_key, day,
           coalesce(sum(weight) FILTER (WHERE reply), 0)::int AS replies,
           coalesce(sum(weight) FILTER (WHERE note), 0)::int AS notes
    FROM m WHERE agent IS NOT NULL GROUP BY 1, 2, 3, 4
  ),
  agents AS (
    INSERT INTO agent_days AS a (day, agent_id, replies, notes)
    SELECT day, agent_id, sum(replies)::int, sum(notes)::int FROM delta GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (day, agent_id) DO UPDATE SET replies = a.replies + excluded.replies, notes = a.notes + excluded.notes
  ),
  before AS (
    SELECT a.agent_id, a.conversation_id, a.cycle_key, a.day, a.replies, a.notes
    FROM agent_cycle_days a
    JOIN (SELECT DISTINCT agent_id, conversation_id, cycle_key FROM delta) t
      ON a.agent_id = t.agent_id AND a.conversation_id = t.conversation_id AND a.cycle_key = t.cycle_key
  ),
  after AS (
    SELECT agent_id, conversation_id, cycle_key, day, sum(replies)::int AS replies, sum(notes)::int AS notes
    FROM (SELECT * FROM before UNION ALL SELECT * FROM delta) changed
    GROUP BY 1, 2, 3, 4
  ),
  kept AS (
    INSERT INTO agent_cycle_days AS a (agent_id, conversation_id, cycle_key, day, replies, notes)
    SELECT * FROM after WHERE replies <> 0 OR notes <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (agent_id, conversation_id, cycle_key, day)
    DO UPDATE SET replies = excluded.replies, notes = excluded.notes
  ),
  emptied AS (
    DELETE FROM agent_cycle_days a USING after e
    WHERE e.replies = 0 AND e.notes = 0 AND a.agent_id = e.agent_id AND a.conversation_id = e.conversation_id
      AND a.cycle_key = e.cycle_key AND a.day = e.day
  ),
  reply_days AS (
    SELECT day, agent_id, coalesce(day - lag(day) OVER cycle, 0) AS gap, -1 AS sign
    FROM before WHERE replies > 0 WINDOW cycle AS (PARTITION BY agent_id, conversation_id, cycle_key ORDER BY day)
    UNION ALL
    SELECT day, agent_id, coalesce(day - lag(day) OVER cycle, 0), 1
    FROM after WHERE replies > 0 WINDOW cycle AS (PARTITION BY agent_id, conversation_id, cycle_key ORDER BY day)
  )
  INSERT INTO handled_days AS h (day, agent_id, gap, cycles)
  SELECT day, agent_id, gap, sum(sign)::int FROM reply_days GROUP BY 1, 2, 3 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (day, agent_id, gap) DO UPDATE SET cycles = h.cycles + excluded.cycles;
END
$$;

-- Cycles: started on the day they start, closed (and resolved by their agent) on the day they close.
CREATE FUNCTION metric_days_cycles(zone text, in_weights int[], in_started timestamptz[], in_closed timestamptz[], in_resolvers int[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_days_lock();
  INSERT INTO team_days AS t (day, started, resolved)
  SELECT day, sum(started)::int, sum(resolved)::int
  FROM (
    SELECT (c.started AT TIME ZONE zone)::date AS day, c.weight AS started, 0 AS resolved
    FROM unnest(in_weights, in_started) AS c(weight, started)
    UNION ALL
    SELECT (c.closed AT TIME ZONE zone)::date, 0, c.weight
    FROM unnest(in_weights, in_closed) AS c(weight, closed) WHERE c.closed IS NOT NULL
  ) per_cycle
  GROUP BY 1 ORDER BY 1
  ON CONFLICT (day) DO UPDATE SET started = t.started + excluded.started, resolved = t.resolved + excluded.resolved;

  INSERT INTO agent_days AS a (day, agent_id, resolved)
  SELECT (c.closed AT TIME ZONE zone)::date, c.resolver, sum(c.weight)::int
  FROM unnest(in_weights, in_closed, in_resolvers) AS c(weight, closed, resolver)
  WHERE c.closed IS NOT NULL AND c.resolver IS NOT NULL
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (day, agent_id) DO UPDATE SET resolved = a.resolved + excluded.resolved;
END
$$;

-- Assignment changes: the agent assigned (a transfer in when it came from another agent), and
-- a transfer out for the agent it came from.
CREATE FUNCTION metric_days_assignments(zone text, in_weights int[], in_at timestamptz[], in_from_agents int[], in_to_agents int[], in_transfers boolean[])
RETURNS void LANGUAGE sql AS $$
  SELECT metric_days_lock();
  INSERT INTO agent_days AS a (day, agent_id, assigned, transfers_in, transfers_out)
  SELECT day, agent_id, sum(assigned)::int, sum(transfer_in)::int, sum(transfer_out)::int
  FROM (
    SELECT (c.at AT TIME ZONE zone)::date AS day, c.agent AS agent_id, c.weight AS assigned,
           CASE WHEN c.transfer THEN c.weight ELSE 0 END AS transfer_in, 0 AS transfer_out
    FROM unnest(in_weights, in_at, in_to_agents, in_transfers) AS c(weight, at, agent, transfer) WHERE c.agent IS NOT NULL
    UNION ALL
    SELECT (c.at AT TIME ZONE zone)::date, c.agent, 0, 0, c.weight
    FROM unnest(in_weights, in_at, in_from_agents, in_transfers) AS c(weight, at, agent, transfer)
    WHERE c.agent IS NOT NULL AND c.transfer
  ) per_change
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (day, agent_id) DO UPDATE SET
    assigned = a.assigned + excluded.assigned, transfers_in = a.transfers_in + excluded.transfers_in,
    transfers_out = a.transfers_out + excluded.transfers_out
$$;

-- Samples: the (day, agent, kind) groups named are computed again from the samples table (after
-- samples were taken away or changed; new ones are added to their groups, see the trigger).
CREATE FUNCTION metric_days_samples(zone text, in_days date[], in_agent_keys int[], in_kinds "SampleKind"[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_days_lock();
  DELETE FROM sample_days d USING unnest(in_days, in_agent_keys, in_kinds) AS g(day, agent_key, kind)
  WHERE d.day = g.day AND d.agent_key = g.agent_key AND d.kind = g.kind;
  INSERT INTO sample_days (day, agent_key, kind, count, sum_seconds, sum_business_seconds, sla_total, sla_met, seconds, business_seconds)
  SELECT g.day, g.agent_key, g.kind, count(*)::int,
         sum(s.seconds), sum(s.business_seconds),
         count(*) FILTER (WHERE s.sla_target_seconds IS NOT NULL)::int,
         count(*) FILTER (WHERE (CASE WHEN s.sla_business THEN s.business_seconds ELSE s.seconds END) <= s.sla_target_seconds)::int,
         string_agg(float8send(s.seconds), ''::bytea), string_agg(float8send(s.business_seconds), ''::bytea)
  FROM (SELECT DISTINCT * FROM unnest(in_days, in_agent_keys, in_kinds) AS g(day, agent_key, kind)) g
  JOIN LATERAL (
    SELECT s.seconds, s.business_seconds, s.sla_target_seconds, s.sla_business FROM samples s
    WHERE g.agent_key > 0 AND s.agent_id = g.agent_key AND s.kind = g.kind
      AND s.ended_at >= (g.day::timestamp AT TIME ZONE zone) AND s.ended_at < ((g.day + 1)::timestamp AT TIME ZONE zone)
    UNION ALL
    SELECT s.seconds, s.business_seconds, s.sla_target_seconds, s.sla_business FROM samples s
    WHERE g.agent_key = 0 AND s.agent_id IS NULL AND s.kind = g.kind
      AND s.ended_at >= (g.day::timestamp AT TIME ZONE zone) AND s.ended_at < ((g.day + 1)::timestamp AT TIME ZONE zone)
  ) s ON true
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
END
$$;

-- The triggers. A trigger's transition tables exist only for its own event, hence one branch
-- per event; an update passes the rows it changed as taken away (-1) and added again (+1),
-- netted, so that one that moves nothing counted (most do) costs nothing more.

CREATE FUNCTION metric_days_on_messages() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text := (SELECT value FROM settings WHERE key = 'metrics.timeZone');
  w int[]; c int[]; a int[]; cy int[]; s timestamptz[]; snd "SenderKind"[]; n boolean[];
BEGIN
  IF zone IS NULL THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(1), array_agg(conversation_id), array_agg(agent_id), array_agg(cycle_index),
           array_agg(sent_at), array_agg(sender), array_agg(is_note)
    INTO w, c, a, cy, s, snd, n
    FROM new_rows m WHERE NOT EXISTS (SELECT FROM conversations x WHERE x.id = m.conversation_id AND x.internal);
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(-1), array_agg(conversation_id), array_agg(agent_id), array_agg(cycle_index),
           array_agg(sent_at), array_agg(sender), array_agg(is_note)
    INTO w, c, a, cy, s, snd, n
    FROM old_rows m WHERE NOT EXISTS (SELECT FROM conversations x WHERE x.id = m.conversation_id AND x.internal);
  ELSE
    SELECT array_agg(weight), array_agg(conversation_id), array_agg(agent_id), array_agg(cycle_index),
           array_agg(sent_at), array_agg(sender), array_agg(is_note)
    INTO w, c, a, cy, s, snd, n
    FROM (
      SELECT sum(weight)::int AS weight, conversation_id, agent_id, cycle_index, sent_at, sender, is_note
      FROM (
        SELECT 1 AS weight, conversation_id, agent_id, cycle_index, sent_at, sender, is_note FROM new_rows
        UNION ALL
        SELECT -1, conversation_id, agent_id, cycle_index, sent_at, sender, is_note FROM old_rows
      ) changed
      GROUP BY 2, 3, 4, 5, 6, 7 HAVING sum(weight) <> 0
    ) m
    WHERE NOT EXISTS (SELECT FROM conversations x WHERE x.id = m.conversation_id AND x.internal);
  END IF;
  IF w IS NOT NULL THEN PERFORM metric_days_messages(zone, w, c, a, cy, s, snd, n); END IF;
  RETURN NULL;
END
$$;

-- A conversation that becomes a chat between agents takes its messages away; one that stops being one brings them back.
CREATE FUNCTION metric_days_on_conversations() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text := (SELECT value FROM settings WHERE key = 'metrics.timeZone');
  w int[]; c int[]; a int[]; cy int[]; s timestamptz[]; snd "SenderKind"[]; n boolean[];
BEGIN
  IF zone IS NULL THEN RETURN NULL; END IF;
  SELECT array_agg(CASE WHEN f.internal THEN -1 ELSE 1 END), array_agg(m.conversation_id), array_agg(m.agent_id),
         array_agg(m.cycle_index), array_agg(m.sent_at), array_agg(m.sender), array_agg(m.is_note)
  INTO w, c, a, cy, s, snd, n
  FROM (
    SELECT after.id, after.internal FROM new_rows after JOIN old_rows before ON before.id = after.id
    WHERE after.internal <> before.internal
  ) f
  JOIN messages m ON m.conversation_id = f.id;
  IF w IS NOT NULL THEN PERFORM metric_days_messages(zone, w, c, a, cy, s, snd, n); END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION metric_days_on_cycles() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text := (SELECT value FROM settings WHERE key = 'metrics.timeZone');
  w int[]; st timestamptz[]; cl timestamptz[]; r int[];
BEGIN
  IF zone IS NULL THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(1), array_agg(started_at), array_agg(closed_at), array_agg(resolved_by_id) INTO w, st, cl, r FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(-1), array_agg(started_at), array_agg(closed_at), array_agg(resolved_by_id) INTO w, st, cl, r FROM old_rows;
  ELSE
    SELECT array_agg(weight), array_agg(started_at), array_agg(closed_at), array_agg(resolved_by_id) INTO w, st, cl, r
    FROM (
      SELECT sum(weight)::int AS weight, started_at, closed_at, resolved_by_id
      FROM (
        SELECT 1 AS weight, started_at, closed_at, resolved_by_id FROM new_rows
        UNION ALL
        SELECT -1, started_at, closed_at, resolved_by_id FROM old_rows
      ) changed
      GROUP BY 2, 3, 4 HAVING sum(weight) <> 0
    ) net;
  END IF;
  IF w IS NOT NULL THEN PERFORM metric_days_cycles(zone, w, st, cl, r); END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION metric_days_on_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text := (SELECT value FROM settings WHERE key = 'metrics.timeZone');
  w int[]; t timestamptz[]; f int[]; o int[]; tr boolean[];
BEGIN
  IF zone IS NULL THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(1), array_agg(at), array_agg(from_agent_id), array_agg(to_agent_id), array_agg(is_transfer)
    INTO w, t, f, o, tr FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(-1), array_agg(at), array_agg(from_agent_id), array_agg(to_agent_id), array_agg(is_transfer)
    INTO w, t, f, o, tr FROM old_rows;
  ELSE
    SELECT array_agg(weight), array_agg(at), array_agg(from_agent_id), array_agg(to_agent_id), array_agg(is_transfer)
    INTO w, t, f, o, tr
    FROM (
      SELECT sum(weight)::int AS weight, at, from_agent_id, to_agent_id, is_transfer
      FROM (
        SELECT 1 AS weight, at, from_agent_id, to_agent_id, is_transfer FROM new_rows
        UNION ALL
        SELECT -1, at, from_agent_id, to_agent_id, is_transfer FROM old_rows
      ) changed
      GROUP BY 2, 3, 4, 5 HAVING sum(weight) <> 0
    ) net;
  END IF;
  IF w IS NOT NULL THEN PERFORM metric_days_assignments(zone, w, t, f, o, tr); END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION metric_days_on_samples() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text := (SELECT value FROM settings WHERE key = 'metrics.timeZone');
  d date[]; a int[]; k "SampleKind"[];
BEGIN
  IF zone IS NULL THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    -- New samples join their days as they are: a day's values are kept in no order, so adding
    -- to it reads nothing back.
    PERFORM metric_days_lock();
    INSERT INTO sample_days AS g (day, agent_key, kind, count, sum_seconds, sum_business_seconds, sla_total, sla_met, seconds, business_seconds)
    SELECT (s.ended_at AT TIME ZONE zone)::date, coalesce(s.agent_id, 0), s.kind, count(*)::int,
           sum(s.seconds), sum(s.business_seconds),
           count(*) FILTER (WHERE s.sla_target_seconds IS NOT NULL)::int,
           count(*) FILTER (WHERE (CASE WHEN s.sla_business THEN s.business_seconds ELSE s.seconds END) <= s.sla_target_seconds)::int,
           string_agg(float8send(s.seconds), ''::bytea), string_agg(float8send(s.business_seconds), ''::bytea)
    FROM new_rows s
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, agent_key, kind) DO UPDATE SET
      count = g.count + excluded.count, sum_seconds = g.sum_seconds + excluded.sum_seconds,
      sum_business_seconds = g.sum_business_seconds + excluded.sum_business_seconds,
      sla_total = g.sla_total + excluded.sla_total, sla_met = g.sla_met + excluded.sla_met,
      seconds = g.seconds || excluded.seconds, business_seconds = g.business_seconds || excluded.business_seconds;
    RETURN NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(day), array_agg(agent_key), array_agg(kind) INTO d, a, k
    FROM (SELECT DISTINCT (ended_at AT TIME ZONE zone)::date AS day, coalesce(agent_id, 0) AS agent_key, kind FROM old_rows) g;
  ELSE
    SELECT array_agg(day), array_agg(agent_key), array_agg(kind) INTO d, a, k
    FROM (
      SELECT (ended_at AT TIME ZONE zone)::date AS day, coalesce(agent_id, 0) AS agent_key, kind FROM new_rows
      UNION
      SELECT (ended_at AT TIME ZONE zone)::date, coalesce(agent_id, 0), kind FROM old_rows
    ) g;
  END IF;
  IF d IS NOT NULL THEN PERFORM metric_days_samples(zone, d, a, k); END IF;
  RETURN NULL;
END
$$;

-- A day's values are read whole and change as a whole: kept out of line, uncompressed.
ALTER TABLE sample_days ALTER COLUMN seconds SET STORAGE EXTERNAL, ALTER COLUMN business_seconds SET STORAGE EXTERNAL;

CREATE TRIGGER metric_days_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_days_on_messages();
CREATE TRIGGER metric_days_update AFTER UPDATE ON messages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_days_on_messages();
CREATE TRIGGER metric_days_delete AFTER DELETE ON messages REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_days_on_messages();
CREATE TRIGGER metric_days_update AFTER UPDATE ON conversations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_days_on_conversations();
CREATE TRIGGER metric_days_insert AFTER INSERT ON cycles REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_days_on_cycles();
CREATE TRIGGER metric_days_update AFTER UPDATE ON cycles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_days_on_cycles();
CREATE TRIGGER metric_days_delete AFTER DELETE ON cycles REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_days_on_cycles();
CREATE TRIGGER metric_days_insert AFTER INSERT ON assignment_changes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_days_on_assignments();
CREATE TRIGGER metric_days_update AFTER UPDATE ON assignment_changes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_days_on_assignments();
CREATE TRIGGER metric_days_delete AFTER DELETE ON assignment_changes REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_days_on_assignments();
CREATE TRIGGER metric_days_insert AFTER INSERT ON samples REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_days_on_samples();
CREATE TRIGGER metric_days_update AFTER UPDATE ON samples REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_days_on_samples();
CREATE TRIGGER metric_days_delete AFTER DELETE ON samples REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_days_on_samples();

-- Everything again, for `zone`, which becomes the setting. The caller keeps writers out (db/metric-days.ts).
CREATE FUNCTION metric_days_rebuild(zone text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE sample_days, agent_days, agent_cycle_days, handled_days, team_days;
  INSERT INTO settings (key, value) VALUES ('metrics.timeZone', zone)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;
  PERFORM metric_days_messages(zone, array_agg(1), array_agg(m.conversation_id), array_agg(m.agent_id),
                               array_agg(m.cycle_index), array_agg(m.sent_at), array_agg(m.sender), array_agg(m.is_note))
  FROM messages m WHERE NOT EXISTS (SELECT FROM conversations x WHERE x.id = m.conversation_id AND x.internal)
  HAVING count(*) > 0;
  PERFORM metric_days_cycles(zone, array_agg(1), array_agg(started_at), array_agg(closed_at), array_agg(resolved_by_id))
  FROM cycles HAVING count(*) > 0;
  PERFORM metric_days_assignments(zone, array_agg(1), array_agg(at), array_agg(from_agent_id), array_agg(to_agent_id), array_agg(is_transfer))
  FROM assignment_changes HAVING count(*) > 0;
  PERFORM metric_days_samples(zone, array_agg(day), array_agg(agent_key), array_agg(kind))
  FROM (SELECT DISTINCT (ended_at AT TIME ZONE zone)::date AS day, coalesce(agent_id, 0) AS agent_key, kind FROM samples) g
  HAVING count(*) > 0;
END
$$;

-- Radar's default zone (RADAR_TIMEZONE); at start it rebuilds for another.
SELECT metric_days_rebuild('America/Sao_Paulo');
