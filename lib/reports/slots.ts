// 15-minute UTC slots: the grain at which rows can be summed before a time
// zone is applied. Every zone's UTC offset and DST shift in use since the
// 1980s is a whole number of quarter hours, so a slot never straddles a
// local midnight: summing per slot first, then converting each slot to its
// local day, week or month, gives the same buckets as converting every row,
// with one zone-rule lookup per slot instead of one per row.
import { Prisma } from "@/lib/generated/prisma/client";

/** The 15-minute UTC slot holding instant `col` (plain arithmetic, no zone rules). */
export const slotOf = (col: Prisma.Sql) => Prisma.sql`date_bin('15 minutes', ${col}, timestamptz '2000-01-01 00:00:00+00')`;
