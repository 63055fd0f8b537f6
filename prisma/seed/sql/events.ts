// analytics_events: the spec's ten event types (EPIC-07 §5.1). Most are derived
// from the facts already generated (signups, uploads, claims, submissions,
// payments, payouts) at the same instants; page views and searches are
// synthetic, following the same growth and weekly rhythm.
// A user's session is one per (user, UTC day); user agent and IP stay with the user.
import { DAY, type SeedConfig } from "../config";
import { PAYOUT_METHODS } from "./load";
import { num, rowId, textArray, USER_IDS, userId, type Step } from "./util";

const USER_AGENTS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
];
const EXTERNAL_REFERRERS = [
  "https://www.google.com/", "https://www.google.com/", "https://www.bing.com/", "https://www.linkedin.com/",
  "https://twitter.com/", "https://news.ycombinator.com/",
];
const UPLOADER_PAGES = ["/dashboard", "/dashboard", "/uploads", "/uploads/new", "/billing", "/settings"];
const CREATOR_PAGES = ["/creator", "/creator", "/creator/earnings", "/assignments", "/assignments/available", "/settings"];
const PUBLIC_PAGES = ["/", "/", "/pricing", "/signup", "/about", "/blog"];
const SEARCH_TERMS = [
  "podcast", "webinar", "interview", "marketing", "ai", "sales", "product launch", "finance", "health",
  "startup", "leadership", "design", "quarterly review", "episode", "keynote",
];

const FUNCTIONS = [
  `CREATE FUNCTION pg_temp.sess(n bigint, t float8) RETURNS text LANGUAGE sql IMMUTABLE AS
   $$ SELECT 's_' || to_hex(hashint8extended(n * 100003 + floor(t / ${DAY})::bigint, 9)) $$`,
  `CREATE FUNCTION pg_temp.ua(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
   $$ SELECT pg_temp.pick(${textArray(USER_AGENTS)}, n, 700) $$`,
];

const COLUMNS = `INSERT INTO analytics_events (id, user_id, event_type, event_data, page_url, referrer,
  session_id, user_agent, ip_address, created_at)`;

const ANON_COLUMNS = `INSERT INTO analytics_events (id, user_id, event_type, event_data, page_url, referrer,
  session_id, user_agent, ip_address, created_at, anonymous_id)`;

/** The last four columns (session, agent, address, time) for a known user n at time t. */
const ctx = (n: string, t: string) => `pg_temp.sess(${n}, ${t}), pg_temp.ua(${n}), pg_temp.ip(${n}), pg_temp.ts(${t})`;

function signups(c: SeedConfig): string[] {
  const started = `signup_s - 60 - 540 * pg_temp.u(n, 701)`;
  return [
    // sent before the account existed, under the browser's anonymous id; linked to the
    // user who then signed up with it (as lib/events/identity.ts links them), so it carries the user
    `${ANON_COLUMNS}
     SELECT ${rowId("event", started, "n", 1)}, id, 'signup_started',
       jsonb_build_object('role', role), '/signup', pg_temp.pick(${textArray(EXTERNAL_REFERRERS)}, n, 702),
       pg_temp.sess(n, signup_s), pg_temp.ua(n), pg_temp.ip(n), pg_temp.ts(${started}), 'anon_' || to_hex(hashint8extended(n, 15))
     FROM seed_users WHERE role <> 'admin'`,
    `${COLUMNS}
     SELECT ${rowId("event", "signup_s", "n", 2)}, id, 'signup_completed',
       jsonb_build_object('role', role, 'method', pg_temp.pick(ARRAY['email', 'email', 'email', 'google', 'github'], n, 703)),
       '/signup', NULL, ${ctx("n", "signup_s")}
     FROM seed_users WHERE role <> 'admin'`,
    // people who started signing up and left
    `${ANON_COLUMNS}
     SELECT ${rowId("event", "t", "i", 3)}, NULL::uuid, 'signup_started',
       jsonb_build_object('role', CASE WHEN pg_temp.u(i, 711) < 0.6 THEN 'uploader' ELSE 'creator' END), '/signup',
       pg_temp.pick(${textArray(EXTERNAL_REFERRERS)}, i, 712),
       'a_' || to_hex(hashint8extended(i, 13)), pg_temp.ua(i + 1000000000), pg_temp.ip(i + 1000000000), pg_temp.ts(t),
       'anon_a' || to_hex(hashint8extended(i, 16))
     FROM pg_temp.alloc(${num(c.abandonedSignups)}, 710)`,
  ];
}

function uploads(c: SeedConfig): string[] {
  const n = `${num(c.offset.uploader)} + up.uj`;
  return [
    `${COLUMNS}
     SELECT ${rowId("event", "up.created_s - 60 - 240 * pg_temp.u(up.i, 720)", "up.i", 4)}, up.uploader_id, 'upload_initiated',
       jsonb_build_object('output_types', m.codes), '/uploads/new', NULL,
       ${ctx(n, "up.created_s - 60 - 240 * pg_temp.u(up.i, 720)")}
     FROM seed_uploads up JOIN seed_masks m ON m.mask = up.mask`,
    `${COLUMNS}
     SELECT ${rowId("event", "up.created_s", "up.i", 5)}, up.uploader_id, 'upload_completed',
       jsonb_build_object('file_size', up.file_size, 'duration', up.duration), '/uploads/new', NULL,
       ${ctx(n, "up.created_s")}
     FROM seed_uploads up`,
  ];
}

function assignments(c: SeedConfig): string[] {
  const n = `${num(c.offset.creator)} + a.cj`;
  return [
    `${COLUMNS}
     SELECT ${rowId("event", "a.claim_s", "a.h", 6)}, a.creator_id, 'assignment_claimed',
       jsonb_build_object('output_type', ot.code, 'level', lv.code), '/assignments/available', NULL,
       ${ctx(n, "a.claim_s")}
     FROM seed_a a JOIN seed_ot ot ON ot.t = a.t JOIN seed_levels lv ON lv.rank = a.rank
     WHERE a.claim_s IS NOT NULL`,
    // time_to_complete: hours from the claim (or the revision request) to this version
    `${COLUMNS}
     SELECT ${rowId("event", "v.s", "a.h * 4 + v.k", 7)}, a.creator_id, 'assignment_submitted',
       jsonb_build_object('time_to_complete', round(((v.s - v.since) / 3600)::numeric, 2), 'version', v.k),
       '/assignments', NULL, ${ctx(n, "v.s")}
     FROM seed_a a CROSS JOIN LATERAL (VALUES (1, a.s1, a.claim_s), (2, a.s2, a.r1), (3, a.s3, a.r2)) v(k, s, since)
     WHERE v.s IS NOT NULL`,
  ];
}

/** Both are recorded server-side (payment webhook, payout job): no session, agent or address. */
function money(c: SeedConfig): string[] {
  const cr = `${num(c.offset.creator)} + p.cj`;
  return [
    `${COLUMNS}
     SELECT ${rowId("event", "a.charge_s", "a.h", 8)}, a.uploader_id, 'payment_completed',
       jsonb_build_object('amount', a.price, 'method', a.method),
       NULL, NULL, NULL, NULL, NULL, pg_temp.ts(a.charge_s)
     FROM seed_a a WHERE a.charge_status = 'succeeded'`,
    `${COLUMNS}
     WITH ${USER_IDS}
     SELECT ${rowId("event", "p.done_s", "p.k * 2 + p.attempt", 9)}, ${userId(cr)}, 'payout_processed',
       jsonb_build_object('amount', p.amount, 'method', pg_temp.pick(${textArray(PAYOUT_METHODS)}, p.cj, 620)),
       NULL, NULL, NULL, NULL, NULL, pg_temp.ts(p.done_s)
     FROM seed_payouts p WHERE p.status = 'completed'`,
  ];
}

/** Weighted pick of an active person signed up before the day (as for work). */
function who(table: string, k: string, salt: number): string {
  return `width_bucket(pg_temp.u(a.i, ${salt}) * (SELECT lb FROM ${table})[${k} + 1], (SELECT lb FROM ${table})) - 1`;
}
const bounds = (table: string) => `SELECT array_append(array_agg(cprev ORDER BY j), max(cum)) AS lb FROM ${table}`;

function browsing(c: SeedConfig): string[] {
  // v: 0 anonymous, 1 uploader, 2 creator
  const visitors = (count: number, salt: number, anon: number, uploaders: number) => `
     WITH ${USER_IDS}, up_lb AS MATERIALIZED (${bounds("seed_up")}), cr_lb AS MATERIALIZED (${bounds("seed_cr")}),
     a AS (SELECT * FROM pg_temp.alloc(${num(count)}, ${salt})),
     v AS (
       SELECT a.i, a.t,
         CASE WHEN pg_temp.u(a.i, ${salt + 1}) < ${anon} THEN 0 WHEN pg_temp.u(a.i, ${salt + 1}) < ${anon + uploaders} THEN 1 ELSE 2 END AS kind,
         ${num(c.offset.uploader)} + ${who("up_lb", "e.k_up", salt + 2)} AS up_n,
         ${num(c.offset.creator)} + ${who("cr_lb", "e.k_cr", salt + 2)} AS cr_n
       FROM a JOIN seed_elig e ON e.d = a.d
     ), x AS (
       SELECT v.*, CASE kind WHEN 1 THEN up_n WHEN 2 THEN cr_n END AS n FROM v
     )`;
  const page = `CASE x.kind WHEN 0 THEN pg_temp.pick(${textArray(PUBLIC_PAGES)}, x.i, 752)
    WHEN 1 THEN pg_temp.pick(${textArray(UPLOADER_PAGES)}, x.i, 752) ELSE pg_temp.pick(${textArray(CREATOR_PAGES)}, x.i, 752) END`;
  const referrer = `CASE WHEN x.kind = 0 THEN pg_temp.pick(${textArray(EXTERNAL_REFERRERS)}, x.i, 753)
    WHEN pg_temp.u(x.i, 754) < 0.5 THEN NULL ELSE pg_temp.pick(${textArray(UPLOADER_PAGES)}, x.i, 755) END`;
  // anonymous visitors get their own session, agent and address
  const visitor = `coalesce(x.n, x.i + 2000000000)`;
  const userCtx = `pg_temp.sess(x.n, x.t), pg_temp.ua(x.n), pg_temp.ip(x.n), pg_temp.ts(x.t)`;
  const codes = textArray(["executive_summary", "blog_post", "social_media", "key_insights", "newsletter", "show_notes"]);
  return [
    `${COLUMNS} ${visitors(c.pageViews, 750, 0.25, 0.45)}
     SELECT ${rowId("event", "x.t", "x.i", 10)}, ${userId("x.n")}, 'page_view',
       jsonb_build_object('url', x.url, 'referrer', x.referrer), x.url, x.referrer,
       coalesce(pg_temp.sess(x.n, x.t), 'a_' || to_hex(hashint8extended(x.i, 14))),
       pg_temp.ua(${visitor}), pg_temp.ip(${visitor}), pg_temp.ts(x.t)
     FROM (SELECT x.*, ${page} AS url, ${referrer} AS referrer FROM x) x`,
    // creators look for work, uploaders look through their uploads
    `${COLUMNS} ${visitors(c.searches, 760, 0, 0.3)}
     SELECT ${rowId("event", "x.t", "x.i", 11)}, ${userId("x.n")}, 'search_performed',
       jsonb_build_object('query', pg_temp.pick(${textArray(SEARCH_TERMS)}, x.i, 763),
         'filters', CASE WHEN x.kind = 2 THEN jsonb_strip_nulls(jsonb_build_object(
             'output_type', CASE WHEN pg_temp.u(x.i, 764) < 0.6 THEN pg_temp.pick(${codes}, x.i, 765) END,
             'min_price', CASE WHEN pg_temp.u(x.i, 766) < 0.3 THEN 20 END))
           ELSE jsonb_strip_nulls(jsonb_build_object(
             'status', CASE WHEN pg_temp.u(x.i, 764) < 0.5 THEN pg_temp.pick(ARRAY['completed', 'in_progress', 'processing'], x.i, 765) END)) END),
       CASE WHEN x.kind = 2 THEN '/assignments/available' ELSE '/uploads' END, NULL, ${userCtx}
     FROM x`,
  ];
}

export function eventSteps(c: SeedConfig): Step[] {
  const fromMonth = new Date((c.start - 62 * DAY) * 1000).toISOString().slice(0, 10);
  const toMonth = new Date(c.now * 1000).toISOString().slice(0, 10);
  return [
    {
      name: "events: signups & uploads",
      sql: [
        `SELECT ensure_analytics_event_partitions('${fromMonth}'::date, '${toMonth}'::date)`,
        ...FUNCTIONS,
        ...signups(c),
        ...uploads(c),
      ],
    },
    { name: "events: assignments", sql: assignments(c) },
    { name: "events: payments & payouts", sql: money(c) },
    { name: "events: page views & searches", sql: browsing(c) },
  ];
}
