// The metric catalog: metrics, dimensions and the facts behind them, and
// what GET /api/v1/admin/reports/catalog lists (with the values of the
// enumerable dimensions, for the builder's filter pickers).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { DIMENSION_IDS, DIMENSIONS, isTimeDimension, type DimensionId } from "./dimensions";
import { METRIC_IDS, METRICS, metricDimensions, type MetricId, type Unit } from "./metrics";

export * from "./dimensions";
export * from "./metrics";
export { FACTS, type FactId } from "./facts";

export type CatalogListing = {
  metrics: { id: MetricId; label: string; unit: Unit; description: string; dimensions: DimensionId[]; filters: DimensionId[] }[];
  dimensions: { id: DimensionId; label: string; kind: "time" | "category" | "user"; description: string; values?: string[] }[];
};

/** Values of the dimensions with a short fixed list (levels, output types, countries…), read from the data. */
export async function dimensionValues(db: Db): Promise<Partial<Record<DimensionId, string[]>>> {
  const [row] = await db.$queryRaw<Record<string, string[] | null>[]>(Prisma.sql`
    SELECT
      (SELECT array_agg(code ORDER BY code) FROM output_types) AS output_type,
      (SELECT array_agg(name ORDER BY rank) FROM creator_levels) AS creator_level,
      (SELECT array_agg(c ORDER BY c) FROM (SELECT DISTINCT country::text AS c FROM users) x) AS country,
      (SELECT array_agg(t ORDER BY t) FROM (SELECT DISTINCT flag_type AS t FROM fraud_flags) x) AS flag_type,
      (SELECT array_agg(m ORDER BY m) FROM (SELECT DISTINCT method AS m FROM payouts) x) AS payout_method`);
  return {
    ...Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v ?? []])),
    role: ["uploader", "creator", "admin"],
    transaction_type: ["charge", "refund"],
  };
}

export async function catalogListing(db: Db): Promise<CatalogListing> {
  const values = await dimensionValues(db);
  return {
    metrics: METRIC_IDS.map((id) => {
      const m = METRICS[id];
      const dims = metricDimensions(id);
      return { id, label: m.label, unit: m.unit, description: m.description, dimensions: dims, filters: dims.filter((d) => !isTimeDimension(d)) };
    }),
    dimensions: DIMENSION_IDS.map((id) => {
      const d = DIMENSIONS[id];
      return { id, label: d.label, kind: d.kind, description: d.description, ...(values[id] ? { values: values[id] } : {}) };
    }),
  };
}
