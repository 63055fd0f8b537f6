// Request schemas of the exports and report-runs API (one per endpoint);
// the /admin/exports page posts the same body.
import { z } from "zod";
import { isoDate, timeZoneSchema } from "./primitives";
import { checkRange } from "./reports";

export const EXPORT_ENTITIES = ["users", "transactions", "assignments", "payouts"] as const;
export const EXPORT_FORMATS = ["csv", "xlsx", "json", "ndjson"] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];

/** Which filters each entity takes, and the statuses it knows. */
export const ENTITY_FILTERS: Record<ExportEntity, { keys: string[]; statuses: readonly string[]; roles?: readonly string[] }> = {
  users: { keys: ["start_date", "end_date", "role", "status"], statuses: ["active", "suspended"], roles: ["uploader", "creator", "admin"] },
  transactions: { keys: ["start_date", "end_date", "status", "uploader_id"], statuses: ["pending", "succeeded", "failed"] },
  assignments: {
    keys: ["start_date", "end_date", "status", "creator_id", "uploader_id"],
    statuses: ["open", "claimed", "submitted", "in_review", "revision_requested", "approved", "rejected", "cancelled"],
  },
  payouts: { keys: ["start_date", "end_date", "status", "creator_id"], statuses: ["pending", "processing", "completed", "failed"] },
};

export const exportFilters = z
  .object({
    start_date: isoDate.optional(),
    end_date: isoDate.optional(),
    role: z.string().max(20).optional(),
    status: z.string().max(30).optional(),
    creator_id: z.guid().optional(),
    uploader_id: z.guid().optional(),
  })
  .strict()
  .superRefine(checkRange);

export type ExportFilters = z.output<typeof exportFilters>;

/** Filters valid for the entity: a filter the entity does not take, an unknown status or role, is a 400 naming it. */
function checkEntityFilters(v: { entity: ExportEntity; filters: ExportFilters }, ctx: z.RefinementCtx) {
  const spec = ENTITY_FILTERS[v.entity];
  const extra = Object.keys(v.filters).filter((k) => v.filters[k as keyof ExportFilters] !== undefined && !spec.keys.includes(k));
  if (extra.length) ctx.addIssue({ code: "custom", path: ["filters", extra[0]], message: `not a filter of ${v.entity} exports (${extra.join(", ")}); it takes ${spec.keys.join(", ")}` });
  if (v.filters.status && !spec.statuses.includes(v.filters.status))
    ctx.addIssue({ code: "custom", path: ["filters", "status"], message: `must be one of ${spec.statuses.join(", ")}` });
  if (v.filters.role && spec.roles && !spec.roles.includes(v.filters.role))
    ctx.addIssue({ code: "custom", path: ["filters", "role"], message: `must be one of ${spec.roles.join(", ")}` });
}

const exportShape = {
  entity: z.enum(EXPORT_ENTITIES),
  filters: exportFilters.default({}),
  timezone: timeZoneSchema.default("UTC"),
};

/** POST /api/v1/admin/exports */
export const exportRequest = z
  .object({ ...exportShape, format: z.enum(EXPORT_FORMATS), notify: z.boolean().default(true) })
  .strict()
  .superRefine(checkEntityFilters);
export type ExportRequest = z.output<typeof exportRequest>;

/** POST /api/v1/admin/exports/estimate — the row count before starting (format optional, for the time). */
export const exportEstimateRequest = z
  .object({ ...exportShape, format: z.enum(EXPORT_FORMATS).default("csv"), notify: z.boolean().optional() })
  .strict()
  .superRefine(checkEntityFilters);

export const runIdParams = z.object({ id: z.guid("is not a run id") });

/** GET /api/v1/admin/reports/runs */
export const listRunsQuery = z
  .object({
    kind: z.enum(["report", "export"]).optional(),
    status: z.enum(["pending", "processing", "completed", "failed"]).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    per_page: z.coerce.number().int().min(1).max(100).default(20),
    mine: z.enum(["true", "false"]).optional(),
  })
  .strict();
export type ListRunsQuery = z.output<typeof listRunsQuery>;
