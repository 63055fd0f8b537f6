// The admin analytics endpoints (US-7.4–7.7) and the user directory.
import {
  activityQuery, creatorLevelsQuery, fraudQuery, levelCreatorsParams, levelCreatorsQuery, platformDashboardQuery, qualityQuery,
} from "@/lib/validation/admin-analytics";
import { listUsersSchema } from "@/lib/validation/users";
import { routes } from "../common";
import { activityFeed, creatorLevelStats, fraudDashboard, levelCreators, platformDashboard, qualityDashboard, userList } from "../schemas/admin-analytics";

const tag = "Admin analytics";
const admin = ["admin" as const];

export const adminAnalyticsPaths = routes({
  "/api/v1/admin/analytics/dashboard": {
    get: { id: "getPlatformDashboard", tag, summary: "Platform overview (US-7.4)", auth: admin, query: platformDashboardQuery, ok: { status: 200, description: "The period's platform numbers with the comparison period and deltas.", schema: platformDashboard } },
  },
  "/api/v1/admin/analytics/activity": {
    get: { id: "getActivityFeed", tag, summary: "Live activity feed (newest first)", description: "The newest `limit` events; a feed, not a paged list.", auth: admin, query: activityQuery, ok: { status: 200, description: "The newest events.", schema: activityFeed } },
  },
  "/api/v1/admin/analytics/quality": {
    get: { id: "getQualityDashboard", tag, summary: "Quality metrics (US-7.6)", auth: admin, query: qualityQuery, ok: { status: 200, description: "Review and revision numbers for the period.", schema: qualityDashboard } },
  },
  "/api/v1/admin/analytics/fraud": {
    get: {
      id: "getFraudDashboard", tag, summary: "Fraud metrics (US-7.7)", description: "`page`/`per_page` page through the pending flags (`pending`, a paged list).",
      auth: admin, query: fraudQuery, ok: { status: 200, description: "Fraud numbers and a page of pending flags.", schema: fraudDashboard },
    },
  },
  "/api/v1/admin/analytics/creator-levels": {
    get: {
      id: "getCreatorLevels", tag, summary: "Creator levels (US-7.5)", description: "An inclusive range of UTC days, at most 3 years; default: the 90 days ending today.",
      auth: admin, query: creatorLevelsQuery, ok: { status: 200, description: "Each level's creators and averages.", schema: creatorLevelStats },
    },
  },
  "/api/v1/admin/analytics/creator-levels/{levelId}/creators": {
    get: {
      id: "listLevelCreators", tag, summary: "The creators currently in a level (paged)", auth: admin, query: levelCreatorsQuery, params: levelCreatorsParams,
      ok: { status: 200, description: "A page of the level's creators.", schema: levelCreators },
    },
  },
  "/api/v1/admin/users": {
    get: { id: "listUsers", tag, summary: "User directory (paged)", auth: admin, query: listUsersSchema, ok: { status: 200, description: "A page of users, newest first.", schema: userList } },
  },
});
