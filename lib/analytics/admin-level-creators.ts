// Drill-down from a creator level to its creators (US-7.5): the creators whose
// current level (users.creator_level_id) is the level, with all-time numbers
// before `now`, sortable and paginated; null for an unknown level.
//   rating          mean overall_score of every review of their assignments
//   completed_tasks their approved assignments
//   earnings        Σ creator_payout of those approved assignments
//   days_in_level   now − their latest level change (entering the level)
// Per-creator totals come from admin-review-stats.ts (creator_totals rollup, today
// live); a level has at most a few thousand creators, sorted here.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { pageInfo, type Pagination } from "@/lib/http/pagination";
import { tsParam } from "@/lib/rollups";
import type { LevelCreatorSort } from "@/lib/validation/admin-analytics";
import { creatorTotals } from "./admin-review-stats";
import { dollars, mean2 } from "./admin-shared";
import { clockNow } from "@/lib/clock";

export type LevelCreator = {
  id: string;
  name: string;
  email: string;
  status: string;
  rating: number | null;
  reviews: number;
  completed_tasks: number;
  earnings: number;
  entered_level_at: string | null;
  days_in_level: number | null;
};

export type LevelCreators = {
  level: { level_id: string; code: string; name: string; rank: number };
  sort: LevelCreatorSort;
  order: "asc" | "desc";
  creators: LevelCreator[];
} & Pagination;

type Row = LevelCreator & { exact: number | null; cents: bigint; entered_ms: number | null };

// The value each sort compares (exact, not the rounded value shown).
const SORT_KEY: Record<LevelCreatorSort, (r: Row) => number | bigint | null> = {
  rating: (r) => r.exact,
  completed_tasks: (r) => r.completed_tasks,
  earnings: (r) => r.cents,
  days_in_level: (r) => (r.entered_ms == null ? null : -r.entered_ms),
};

export async function levelCreators(
  db: Db,
  levelId: string,
  opts: { sort: LevelCreatorSort; order: "asc" | "desc"; page: number; perPage: number; now?: Date },
): Promise<LevelCreators | null> {
  const now = opts.now ?? clockNow();
  const [[level], members, totals] = await Promise.all([
    db.$queryRaw<LevelCreators["level"][]>(Prisma.sql`
      SELECT id::text AS level_id, code, name, rank::int AS rank FROM creator_levels WHERE id = ${levelId}::uuid`),
    // each member with the time of their latest level change before now
    db.$queryRaw<{ id: string; name: string; email: string; status: string; entered: string | null }[]>(Prisma.sql`
      SELECT u.id::text, u.name, u.email::text AS email, u.status::text AS status,
             to_char(h.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS entered
      FROM users u
      LEFT JOIN LATERAL (
        SELECT changed_at FROM creator_level_history
        WHERE creator_id = u.id AND changed_at < ${tsParam(now)}::timestamptz
        ORDER BY changed_at DESC, id DESC LIMIT 1) h ON true
      WHERE u.role = 'creator' AND u.creator_level_id = ${levelId}::uuid`),
    creatorTotals(db, now),
  ]);
  if (!level) return null;

  const rows: Row[] = members.map((m) => {
    const t = totals.get(m.id);
    const entered = m.entered ? new Date(m.entered) : null;
    return {
      id: m.id,
      name: m.name,
      email: m.email,
      status: m.status,
      rating: mean2(t?.score_sum ?? 0, t?.reviews ?? 0),
      reviews: t?.reviews ?? 0,
      completed_tasks: t?.completed ?? 0,
      earnings: dollars(t?.earnings ?? 0n),
      entered_level_at: entered?.toISOString() ?? null,
      days_in_level: entered ? Math.round((now.getTime() - entered.getTime()) / 8_640_000) / 10 : null,
      exact: t?.reviews ? t.score_sum / t.reviews : null,
      cents: t?.earnings ?? 0n,
      entered_ms: entered?.getTime() ?? null,
    };
  });

  // nulls last in either order, then by id for a stable order
  const key = SORT_KEY[opts.sort];
  const sign = opts.order === "asc" ? 1 : -1;
  rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const byId = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    if (x == null || y == null) return x == null && y == null ? byId : x == null ? 1 : -1;
    return x < y ? -sign : x > y ? sign : byId;
  });

  const page = rows.slice((opts.page - 1) * opts.perPage, opts.page * opts.perPage);
  return {
    level,
    sort: opts.sort,
    order: opts.order,
    ...pageInfo(opts.page, opts.perPage, rows.length),
    creators: page.map(({ exact: _e, cents: _c, entered_ms: _m, ...c }) => c),
  };
}
