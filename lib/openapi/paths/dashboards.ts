// The per-user dashboards (US-7.1, 7.2, 7.3): the same lib calls as /dashboard, /creator, /creator/earnings.
import { creatorDashboardQuery, creatorEarningsQuery } from "@/lib/validation/creator";
import { uploaderDashboardQuery } from "@/lib/validation/uploader";
import { routes } from "../common";
import { creatorDashboard, creatorEarnings, uploaderDashboard } from "../schemas/dashboards";

const tag = "User dashboards";
const whose = "Your own numbers; an admin adds `user_id` to see a user's (404 for an unknown user, 403 for another role's). `tz` defaults to the owner's time zone.";

export const dashboardPaths = routes({
  "/api/v1/analytics/uploader/dashboard": {
    get: {
      id: "getUploaderDashboard",
      tag,
      summary: "Uploader dashboard (US-7.1)",
      description: whose,
      auth: ["uploader", "admin"],
      query: uploaderDashboardQuery,
      errors: [404],
      ok: { status: 200, description: "The period's numbers with the comparison period and deltas.", schema: uploaderDashboard },
    },
  },
  "/api/v1/analytics/creator/dashboard": {
    get: {
      id: "getCreatorDashboard",
      tag,
      summary: "Creator performance dashboard (US-7.2)",
      description: whose,
      auth: ["creator", "admin"],
      query: creatorDashboardQuery,
      errors: [404],
      ok: { status: 200, description: "The period's numbers with the comparison period and deltas, level progress, level averages.", schema: creatorDashboard },
    },
  },
  "/api/v1/analytics/creator/earnings": {
    get: {
      id: "getCreatorEarnings",
      tag,
      summary: "Creator earnings (US-7.3)",
      description: `${whose} \`from\`/\`to\` are local calendar dates, inclusive (default: the last 90 days), less than 3 years apart.`,
      auth: ["creator", "admin"],
      query: creatorEarningsQuery,
      errors: [404],
      ok: { status: 200, description: "Earnings by output type and by period, payouts.", schema: creatorEarnings },
    },
  },
});
