// GET /api/v1/admin/analytics/creator-levels/[levelId]/creators?sort=&order=&page=&per_page=
// (admin only): the creators currently in a level; 404 for an unknown level.
import { levelCreators } from "@/lib/analytics/admin-level-creators";
import { prisma } from "@/lib/db";
import { ApiError, apiHandler } from "@/lib/http/api";
import { levelCreatorsParams, levelCreatorsQuery } from "@/lib/validation/admin-analytics";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"], query: levelCreatorsQuery, params: levelCreatorsParams }, async ({ query, params }) => {
  const out = await levelCreators(prisma, params.levelId, { sort: query.sort, order: query.order, page: query.page, perPage: query.per_page });
  if (!out) throw new ApiError(404, "not_found", "no creator level with this id", "levelId");
  return out;
});
