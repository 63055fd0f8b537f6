// Timestamp parameters and [start, end) filters for analytics SQL. Every
// filter is a plain range on the indexed column (sargable); instants travel
// as ISO strings cast to timestamptz, so the session TimeZone never matters.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Range } from "@/lib/period";

export const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamptz`;

/** `col` in [start, end). */
export const within = (col: Prisma.Sql, r: Range) => Prisma.sql`(${col} >= ${ts(r.start)} AND ${col} < ${ts(r.end)})`;

/** `col` before an instant (all-time values count what happened before "now"). */
export const before = (col: Prisma.Sql, end: Date) => Prisma.sql`${col} < ${ts(end)}`;

/** A column reference such as a.created_at (constant identifiers only, never user input). */
export const col = (name: string) => Prisma.raw(name);
