// Creator performance dashboard (US-7.2) for one creator, in the viewer's time
// zone. Definitions: /work/shared/METRICS.md. The creator's own work and
// reviews come from creator-facts.ts (rolled-up slots + live tail, added up per
// window here); payouts, the level and the level averages (creator-peers.ts)
// are separate queries, all in parallel and all keyed by this creator's id.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { periodRanges } from "@/lib/period";
import { bucketOf, bucketSet } from "./buckets-sql";
import { addTally, emptyTally, loadCreatorFacts, type Tally } from "./creator-facts";
import { peerAverages, showablePeerAverages, SMALL_LEVEL_REASON, type PeerAverages } from "./creator-peers";
import { periodInfo, type PeriodInfo, type UserPeriod } from "./period-info";
import { before, col } from "./sql-range";
import type { FieldSpecs } from "./deltas";
import { compared, dollars, numberOrNull, ratio, type Compared } from "./values";
import { clockNow } from "@/lib/clock";

export type CreatorSummary = {
  completed_tasks: number;
  total_earnings: number;
  /** now: all-time earnings − payouts pending, processing or completed */
  available_balance: number;
  avg_rating: number | null;
  on_time_rate: number | null;
  first_time_approval_rate: number | null;
};

/** Each summary value's kind (its delta's unit) and which way is good news. */
export const CREATOR_FIELDS: FieldSpecs<keyof CreatorSummary> = {
  completed_tasks: { kind: "count" },
  total_earnings: { kind: "money" },
  available_balance: { kind: "money" },
  avg_rating: { kind: "rating" },
  on_time_rate: { kind: "rate" },
  first_time_approval_rate: { kind: "rate" },
};

export type LevelProgress = {
  current_level: string | null;
  current_level_code: string | null;
  /** null at the top level (nothing left to reach) */
  next_level: string | null;
  top_level: boolean;
  /** now: all-time completed (approved) tasks and average rating */
  tasks_completed: number;
  tasks_required: number | null;
  rating_current: number | null;
  rating_required: number | null;
};

type Compare = { you: number | null; level_average: number | null };
export type PerformanceVsAverage = {
  level: string | null;
  creators_in_level: number;
  /** The instant the level averages were computed up to (the period's end). */
  as_of: string | null;
  /** Why level_average is null for every metric (the level has fewer than 5 creators), else null. */
  averages_hidden_reason: string | null;
  completed_tasks: Compare;
  total_earnings: Compare;
  avg_rating: Compare;
  on_time_rate: Compare;
  first_time_approval_rate: Compare;
};

export type CreatorDashboard = Compared<CreatorSummary> & {
  period: PeriodInfo;
  level_progress: LevelProgress;
  earnings_trend: { date: string; amount: number }[];
  rating_trend: { date: string; rating: number | null }[];
  performance_vs_average: PerformanceVsAverage;
};

export type DashboardOptions = { period: UserPeriod; timeZone: string; now?: Date };

/** Σ of pending, processing and completed payouts requested before now, in cents (they leave the balance). */
async function paidOutCents(db: Db, creatorId: string, now: Date): Promise<bigint> {
  const [row] = await db.$queryRaw<{ cents: string }[]>(Prisma.sql`
    SELECT coalesce(sum(po.amount * 100), 0)::bigint::text AS cents
    FROM payouts po
    WHERE ${col("po.creator_id")} = ${creatorId}::uuid AND po.status IN ('pending', 'processing', 'completed')
      AND ${before(Prisma.sql`po.requested_at`, now)}`);
  return BigInt(row.cents);
}

/** The period metrics of a tally (see METRICS.md): counts, cents, and rates divided once. */
function metrics(t: Tally) {
  return {
    completed_tasks: t.tasks,
    total_earnings: dollars(t.cents),
    avg_rating: ratio(t.score, t.reviews, 2),
    on_time_rate: ratio(100 * t.on_time, t.tasks, 1),
    first_time_approval_rate: ratio(100 * t.first_time, t.approved, 1),
  };
}

type LevelRow = {
  level_id: string | null; level: string | null; code: string | null;
  next_level: string | null; next_tasks: number | null; next_rating: string | null;
};

/** The creator's current level and the next one up (by rank); none above the top level. */
function levelQuery(db: Db, id: string) {
  return db.$queryRaw<LevelRow[]>(Prisma.sql`
    SELECT cl.id AS level_id, cl.name AS level, cl.code, nl.name AS next_level,
      nl.min_completed_tasks AS next_tasks, nl.min_avg_rating::text AS next_rating
    FROM users u
    LEFT JOIN creator_levels cl ON cl.id = u.creator_level_id
    LEFT JOIN LATERAL (
      SELECT n.name, n.min_completed_tasks, n.min_avg_rating FROM creator_levels n
      WHERE n.rank > coalesce(cl.rank, -32768) ORDER BY n.rank LIMIT 1) nl ON TRUE
    WHERE u.id = ${id}::uuid`);
}

export async function creatorDashboard(db: Db, creatorId: string, opts: DashboardOptions): Promise<CreatorDashboard> {
  const r = periodRanges(opts.period, opts.timeZone, opts.now ?? clockNow());
  const { current: cur, previous: prev } = r;
  const set = bucketSet(cur, r.granularity, r.timeZone);
  const levelRows = levelQuery(db, creatorId);
  const peers = levelRows.then(([l]): Promise<PeerAverages | null> =>
    l?.level_id ? peerAverages(db, l.level_id, cur) : Promise.resolve(null));
  const [facts, paidOut, [level], avg] = await Promise.all([
    loadCreatorFacts(db, creatorId, cur.end, [cur.start, prev.start, prev.end, ...set.starts], { allTime: true }),
    paidOutCents(db, creatorId, cur.end),
    levelRows,
    peers,
  ]);

  // one pass: every row counts all-time, and in the current / previous window and trend bucket it falls in
  const all = emptyTally();
  const current = emptyTally();
  const earlier = emptyTally();
  const starts = set.starts.map((d) => d.getTime());
  const perBucket = starts.map(emptyTally);
  const [cs, ce, ps, pe] = [cur.start, cur.end, prev.start, prev.end].map((d) => d.getTime());
  facts.forEach((at, _type, t) => {
    addTally(all, t);
    if (at >= cs && at < ce) {
      addTally(current, t);
      const b = bucketOf(starts, at);
      if (b >= 0) addTally(perBucket[b], t);
    }
    if (at >= ps && at < pe) addTally(earlier, t);
  });

  const available = dollars(all.cents - paidOut);
  const block = compared<CreatorSummary, "available_balance">(
    CREATOR_FIELDS,
    { ...metrics(current), available_balance: available },
    metrics(earlier),
    { ...metrics(all), available_balance: available },
    ["available_balance"],
  );
  const allTime = block.all_time;

  const top = Boolean(level?.level_id) && level?.next_level == null;
  const s = block.summary;
  const shown = showablePeerAverages(avg);
  const vs = (k: Exclude<keyof CreatorSummary, "available_balance">): Compare => ({ you: s[k], level_average: shown ? shown[k] : null });
  return {
    period: periodInfo(r),
    ...block,
    level_progress: {
      current_level: level?.level ?? null,
      current_level_code: level?.code ?? null,
      next_level: level?.next_level ?? null,
      top_level: top,
      tasks_completed: allTime.completed_tasks,
      tasks_required: level?.next_tasks ?? null,
      rating_current: allTime.avg_rating,
      rating_required: numberOrNull(level?.next_rating),
    },
    earnings_trend: set.labels.map((date, i) => ({ date, amount: dollars(perBucket[i].cents) })),
    rating_trend: set.labels.map((date, i) => ({ date, rating: ratio(perBucket[i].score, perBucket[i].reviews, 2) })),
    performance_vs_average: {
      level: level?.level ?? null,
      creators_in_level: avg?.creators ?? 0,
      as_of: avg?.as_of ?? null,
      averages_hidden_reason: avg && !shown ? SMALL_LEVEL_REASON : null,
      completed_tasks: vs("completed_tasks"),
      total_earnings: vs("total_earnings"),
      avg_rating: vs("avg_rating"),
      on_time_rate: vs("on_time_rate"),
      first_time_approval_rate: vs("first_time_approval_rate"),
    },
  };
}

