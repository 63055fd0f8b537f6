// Admins, uploaders and creators (staging tables), and for each day how many
// of them had signed up before it, so work is only given to existing accounts.
//
// Within a role, index j increases with signup time; j = 0 is the demo account.
// A small launch cohort signs up in the 30 days before the data starts.
// fraud: 0 honest, 1 "ghost" duplicate account (no activity, caught soon after
// signup), 2 active fraudster (caught after their last activity).
import { DAY, type SeedConfig } from "../config";
import { num, rowId, textArray, type Step } from "./util";

function signups(c: SeedConfig, n: number, cohort: number, salt: number): string {
  return `SELECT j::bigint AS j, ${num(c.start - 30 * DAY)} + (j + pg_temp.u(j, ${salt})) * ${num((30 * DAY) / cohort)} AS signup_s, -1 AS sd
    FROM generate_series(0, ${num(cohort - 1)}) j
    UNION ALL
    SELECT ${num(cohort)} + i, t, d FROM pg_temp.alloc(${num(n - cohort)}, ${salt + 1})`;
}

function fraudKind(c: SeedConfig, cohort: number, salt: number): string {
  return `CASE WHEN j < ${num(cohort)} THEN 0
    WHEN pg_temp.u(j, ${salt}) < ${num(c.ghostRate)} THEN 1
    WHEN pg_temp.u(j, ${salt}) < ${num(c.ghostRate + c.fraudRate)} THEN 2 ELSE 0 END`;
}

/** Adds the running total of weights: [cprev, cum) is each person's slice for weighted picks. */
const CUMULATIVE = `SELECT x.*, coalesce(lag(cum) OVER (ORDER BY j), 0) AS cprev
  FROM (SELECT w.*, sum(w) OVER (ORDER BY j) AS cum FROM w) x`;

function uploaders(c: SeedConfig): string {
  return `CREATE TEMP TABLE seed_up AS
  WITH s AS (${signups(c, c.uploaders, c.cohort.uploaders, 101)}),
  f AS (SELECT s.*, ${fraudKind(c, c.cohort.uploaders, 103)} AS fraud FROM s),
  w AS (
    -- activity weight: exponential, so a few customers order a lot
    SELECT f.*, CASE WHEN j = 0 OR fraud = 1 THEN 0 ELSE 0.15 + pg_temp.ex(j, 104) END AS w FROM f
  )
  ${CUMULATIVE}`;
}

function creators(c: SeedConfig): string {
  const [p, jr, m, s, e] = c.levelCounts;
  void p;
  return `CREATE TEMP TABLE seed_cr AS
  WITH s AS (${signups(c, c.creators, c.cohort.creators, 111)}),
  f AS (SELECT s.*, ${fraudKind(c, c.cohort.creators, 113)} AS fraud FROM s),
  r AS (
    -- levels follow tenure with noise: order by signup (+ noise), the earliest are the Experts
    SELECT f.*, row_number() OVER (ORDER BY
      CASE WHEN j = 0 THEN 3.0 WHEN fraud = 1 THEN 2.0 ELSE j::float8 / ${num(c.creators)} + 0.35 * pg_temp.u(j, 114) END, j) AS pos
    FROM f
  ), l AS (
    SELECT r.*, CASE WHEN j = 0 THEN 4
      WHEN pos <= ${num(e)} THEN 5 WHEN pos <= ${num(e + s)} THEN 4
      WHEN pos <= ${num(e + s + m)} THEN 3 WHEN pos <= ${num(e + s + m + jr)} THEN 2 ELSE 1 END AS rank
    FROM r
  ), w AS (
    -- higher levels take more work and get better scores (q is their typical rating)
    SELECT l.*,
      CASE WHEN j = 0 OR fraud = 1 THEN 0 ELSE (ARRAY[1, 2, 4, 7, 12])[rank] * (0.5 + pg_temp.u(j, 115)) END AS w,
      (ARRAY[3.8, 4.15, 4.45, 4.7, 4.95])[rank] + 0.3 * (pg_temp.u(j, 116) - 0.5) AS q
    FROM l
  )
  ${CUMULATIVE}`;
}

const ELIGIBLE = `CREATE TEMP TABLE seed_elig AS
  SELECT d.d,
    (SELECT count(*) FROM seed_up u WHERE u.sd < d.d)::int AS k_up,
    (SELECT count(*) FROM seed_cr c WHERE c.sd < d.d)::int AS k_cr
  FROM seed_days d`;

export const FIRST = [
  "James", "Maria", "Wei", "Aisha", "Liam", "Sofia", "Noah", "Priya", "Lucas", "Chloe", "Mateo", "Amara",
  "Ethan", "Yuki", "Oliver", "Fatima", "Leo", "Hannah", "Ravi", "Elena", "Daniel", "Grace", "Omar", "Isabel",
  "Samuel", "Mia", "Kofi", "Zoe", "Arjun", "Lena", "Diego", "Nora", "Felix", "Ava", "Tomas", "Ines",
  "Hugo", "Layla", "Marco", "Ruth", "Jonas", "Clara", "Kenji", "Esther", "Adam", "Julia", "Tariq", "Alice",
];
export const LAST = [
  "Smith", "Garcia", "Chen", "Khan", "Johnson", "Rossi", "Williams", "Patel", "Martin", "Kim", "Lopez", "Okafor",
  "Brown", "Tanaka", "Taylor", "Ahmed", "Muller", "Silva", "Singh", "Novak", "Davis", "Nguyen", "Hassan", "Costa",
  "Wilson", "Moreau", "Mensah", "Fischer", "Sharma", "Jensen", "Torres", "Berg", "Walker", "Reyes", "Cohen", "Ivanova",
  "Clark", "Haddad", "Bianchi", "Lewis", "Schmidt", "Dubois", "Sato", "Adeyemi", "Young", "Kowalski", "Ali", "Hughes",
];
// Country and time zone, in pairs; the US appears often so it is ~40% of people.
export const GEO: [string, string][] = [
  ["US", "America/New_York"], ["US", "America/New_York"], ["US", "America/New_York"], ["US", "America/Chicago"],
  ["US", "America/Chicago"], ["US", "America/Denver"], ["US", "America/Los_Angeles"], ["US", "America/Los_Angeles"],
  ["GB", "Europe/London"], ["GB", "Europe/London"], ["CA", "America/Toronto"], ["IN", "Asia/Kolkata"],
  ["IN", "Asia/Kolkata"], ["PH", "Asia/Manila"], ["DE", "Europe/Berlin"], ["AU", "Australia/Sydney"],
  ["BR", "America/Sao_Paulo"], ["NG", "Africa/Lagos"], ["ES", "Europe/Madrid"], ["FR", "Europe/Paris"],
  ["MX", "America/Mexico_City"],
];
export const DOMAINS = ["example.com", "example.org", "example.net"];

function users(c: SeedConfig): string {
  const geoIdx = `1 + floor(pg_temp.u(n, 602) * ${GEO.length})::int`;
  const countries = textArray(GEO.map((g) => g[0]));
  const zones = textArray(GEO.map((g) => g[1]));
  return `CREATE TEMP TABLE seed_users AS
  WITH base AS (
    SELECT 'admin'::user_role AS role, j, j AS n, signup_s, NULL::int AS rank FROM seed_ad
    UNION ALL SELECT 'uploader', j, ${num(c.offset.uploader)} + j, signup_s, NULL FROM seed_up
    UNION ALL SELECT 'creator', j, ${num(c.offset.creator)} + j, signup_s, rank FROM seed_cr
  ), named AS (
    SELECT base.*,
      pg_temp.pick(${textArray(FIRST)}, n, 600) AS first, pg_temp.pick(${textArray(LAST)}, n, 601) AS last,
      (${countries})[${geoIdx}] AS country, (${zones})[${geoIdx}] AS tz
    FROM base
  )
  SELECT ${rowId("user", "signup_s", "n")} AS id, role, j, n, signup_s, rank,
    CASE WHEN j = 0 THEN role || '@example.com'
         ELSE lower(first || '.' || last || n) || '@' || pg_temp.pick(${textArray(DOMAINS)}, n, 603) END AS email,
    CASE WHEN j = 0 AND role = 'admin' THEN 'Avery Admin' WHEN j = 0 AND role = 'uploader' THEN 'Uma Uploader'
         WHEN j = 0 THEN 'Casey Creator' ELSE first || ' ' || last END AS name,
    CASE WHEN j = 0 AND role = 'creator' THEN 'GB' WHEN j = 0 THEN 'US' ELSE country END AS country,
    CASE WHEN j = 0 AND role = 'creator' THEN 'Europe/London' WHEN j = 0 AND role = 'uploader' THEN 'America/New_York'
         WHEN j = 0 THEN 'America/Los_Angeles' ELSE tz END AS time_zone,
    -- US persons among creators get a TIN (1099 reporting); a few live abroad
    role = 'creator' AND (j = 0 OR country = 'US' OR pg_temp.u(n, 604) < 0.03) AS us_person
  FROM named`;
}

export function peopleSteps(c: SeedConfig): Step[] {
  return [
    {
      name: "people",
      sql: [
        `CREATE TEMP TABLE seed_ad AS
         SELECT j::bigint AS j, (${num(c.start - 45 * DAY + 9 * 3600)} + j * ${DAY})::float8 AS signup_s
         FROM generate_series(0, ${num(c.admins - 1)}) j`,
        uploaders(c),
        creators(c),
        ELIGIBLE,
        users(c),
        `CREATE INDEX ON seed_cr (j)`,
        `ANALYZE seed_up`,
        `ANALYZE seed_cr`,
        `ANALYZE seed_elig`,
      ],
    },
  ];
}
