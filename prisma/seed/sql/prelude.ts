// Session-local helper functions, the calendar of days with their activity
// weights, and the reference tables (creator levels, output types).
//
// Randomness: every "random" value is pg_temp.u(key, salt), a hash of a row
// key and a per-attribute salt. Unlike random(), it does not depend on the
// order in which rows are produced, so the same config gives the same rows.
import { DAY, LEVELS, OUTPUT_TYPES, type SeedConfig } from "../config";
import { num, str, type Step } from "./util";

// Keep these single SELECT expressions of immutable parts (k::text, not
// text || bigint, which is only stable): then the planner inlines them, which
// is several times faster than calling a SQL function per row.
const FUNCTIONS = [
  // uniform [0, 1) from (key, salt)
  `CREATE FUNCTION pg_temp.u(i bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT (hashint8extended(i, salt) & 281474976710655)::float8 / 281474976710656.0 $$`,
  // exponential with mean 1
  `CREATE FUNCTION pg_temp.ex(i bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT -ln(1.0 - pg_temp.u(i, salt)) $$`,
  // symmetric triangular on (-1, 1)
  `CREATE FUNCTION pg_temp.tri(i bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT pg_temp.u(i, salt) + pg_temp.u(i, salt + 7919) - 1.0 $$`,
  // one element of a constant array
  `CREATE FUNCTION pg_temp.pick(arr text[], i bigint, salt bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT arr[1 + floor(pg_temp.u(i, salt) * cardinality(arr))::int] $$`,
  // fixed ids of the small reference tables
  `CREATE FUNCTION pg_temp.uid(tag text, k bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT md5(tag || ':' || k::text)::uuid $$`,
  // UUIDv7 layout: 48-bit Unix milliseconds, version 7, then 74 bits hashed from (k, salt).
  // Time-ordered ids insert at the right edge of the primary key btree, twice as fast
  // as random ones for a bulk load, and look like what a modern app would store.
  `CREATE FUNCTION pg_temp.uid7(t float8, k bigint, salt bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT encode(
        int8send((floor(t * 1000)::bigint << 16) | 28672 | (hashint8extended(k, salt) & 4095))
        || int8send(((hashint8extended(k, salt + 1) >> 2) & 4611686018427387903) | (1::bigint << 63)),
        'hex')::uuid $$`,
  `CREATE FUNCTION pg_temp.ts(s float8) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT to_timestamp(s) $$`,
  // Daily rhythm: maps a uniform position in a day to a time of day with a
  // peak around 18:00 UTC (US mornings, European afternoons) and a trough at 06:00.
  `CREATE FUNCTION pg_temp.warp(x float8) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT x + 0.6 * (sin(2 * pi() * (x - 0.25)) + 1) / (2 * pi()) $$`,
  // review outcome: 1 approved, 2 revision requested, 3 rejected
  `CREATE FUNCTION pg_temp.decide(v float8, p_rej float8, p_rev float8) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT CASE WHEN v < p_rej THEN 3 WHEN v < p_rej + p_rev THEN 2 ELSE 1 END $$`,
  // 1..5, skewed high; bounded by the decision it goes with
  `CREATE FUNCTION pg_temp.score(q float8, decision int, k bigint, salt bigint) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT CASE decision
        WHEN 1 THEN greatest(3, least(5, round(q + 0.9 * pg_temp.tri(k, salt))))
        WHEN 2 THEN greatest(2, least(4, round(q - 1.2 + 0.9 * pg_temp.tri(k, salt))))
        ELSE greatest(1, least(2, round(q - 3.0 + 0.9 * pg_temp.tri(k, salt)))) END::int $$`,
  `CREATE FUNCTION pg_temp.ip(k bigint) RETURNS inet LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT '0.0.0.0'::inet + (16777216 + (hashint8extended(k, 77) & 4294967295) % 3741319167) $$`,
];

/** Activity per day: 4x growth over the period, quieter weekends, some day-to-day noise. */
function daysTable(c: SeedConfig): string {
  return `CREATE TEMP TABLE seed_days AS
  WITH raw AS (
    -- float8 throughout: numeric arithmetic would be several times slower per row
    SELECT d, (${num(c.start)} + d * ${DAY})::float8 AS ds,
           least(${DAY}, ${num(c.now)} - (${num(c.start)} + d * ${DAY}))::float8 AS len
    FROM generate_series(0, ${num(c.days - 1)}) d
  ), w AS (
    SELECT d, ds, len, d = ${num(c.days - 1)} AS last,
      power(4.0, d::float8 / ${num(c.days)})
      * (ARRAY[1.08, 1.12, 1.10, 1.05, 0.95, 0.55, 0.60])[extract(isodow FROM pg_temp.ts(ds) AT TIME ZONE 'UTC')::int]
      * (0.85 + 0.3 * pg_temp.u(d, 11))
      * len / ${DAY} AS w
    FROM raw
  ), c AS (SELECT w.*, sum(w) OVER (ORDER BY d) AS cum FROM w)
  SELECT d, ds, len, last,
    coalesce(lag(cum) OVER (ORDER BY d), 0) / max(cum) OVER () AS cprev,
    cum / max(cum) OVER () AS c
  FROM c`;
}

/**
 * alloc(n, salt): n items spread over the days by weight, item i at time t on day d.
 * Item numbers increase with time, which later steps use for "signed up before".
 */
const ALLOC = `CREATE FUNCTION pg_temp.alloc(n bigint, salt bigint) RETURNS TABLE(i bigint, t float8, d int)
  LANGUAGE sql STABLE AS $$
  SELECT g.i,
    x.ds + x.len * CASE WHEN x.last THEN (g.i - x.lo + pg_temp.u(g.i, salt)) / (x.hi - x.lo)
                        ELSE pg_temp.warp((g.i - x.lo + pg_temp.u(g.i, salt)) / (x.hi - x.lo)) END,
    x.d
  FROM (SELECT d, ds, len, last, floor(n * cprev)::bigint AS lo,
               CASE WHEN last THEN n ELSE floor(n * c)::bigint END AS hi
        FROM seed_days OFFSET 0) x  -- OFFSET 0: compute lo/hi once per day, not per item
  CROSS JOIN LATERAL generate_series(x.lo, x.hi - 1) AS g(i)
$$`;

function referenceData(c: SeedConfig): string[] {
  const created = `pg_temp.ts(${num(c.start - 60 * DAY)})`;
  const levels = LEVELS.map(
    (l) => `(${l.rank}, ${str(l.code)}, ${str(l.name)}, ${l.minTasks}, ${l.minRating})`,
  ).join(",\n      ");
  const types = OUTPUT_TYPES.map(
    (o, t) =>
      `(${t}, ${str(o.code)}, ${str(o.name)}, ${o.price}, ${o.payout}, ${o.workMin}, ${o.dueHours}, ${"untilMonth" in o ? "false" : "true"})`,
  ).join(",\n      ");
  return [
    `CREATE TEMP TABLE seed_levels AS
     SELECT rank::int, code::text, name::text, min_tasks::int, min_rating::numeric, pg_temp.uid('level', rank) AS id
     FROM (VALUES ${levels}) v(rank, code, name, min_tasks, min_rating)`,
    `INSERT INTO creator_levels (id, rank, code, name, min_completed_tasks, min_avg_rating, created_at)
     SELECT id, rank, code, name, min_tasks, min_rating, ${created} FROM seed_levels`,
    `CREATE TEMP TABLE seed_ot AS
     SELECT t::int, code::text, name::text, price::numeric(12,2), payout::numeric(12,2),
            work_min::float8, due_h::float8, active::boolean, pg_temp.uid('output_type', t) AS id
     FROM (VALUES ${types}) v(t, code, name, price, payout, work_min, due_h, active)`,
    `INSERT INTO output_types (id, code, name, price, creator_payout, active, created_at)
     SELECT id, code, name, price, payout, active, ${created} FROM seed_ot`,
    // the output_types codes of each ordering mask, for upload_initiated events
    `CREATE TEMP TABLE seed_masks AS
     SELECT m AS mask, (SELECT jsonb_agg(code ORDER BY t) FROM seed_ot WHERE (m >> t) & 1 = 1) AS codes
     FROM generate_series(1, 255) m`,
  ];
}

export function preludeSteps(c: SeedConfig): Step[] {
  return [
    { name: "calendar", sql: [...FUNCTIONS, daysTable(c), ALLOC] },
    { name: "levels & output types", sql: referenceData(c) },
  ];
}
