// System health (US-7.11) and alert rules.
import { alertIdParams, alertRuleBody, healthQuery } from "@/lib/validation/health";
import { routes } from "../common";
import { alertAnswer, alertRuleList, healthOverview } from "../schemas/health";

const tag = "System health";
const admin = ["admin" as const];

export const healthPaths = routes({
  "/api/v1/admin/analytics/health": {
    get: {
      id: "getHealth", tag, summary: "System health dashboard", description: "`route` + `method` add the drill-down of one route template (`route_detail`).",
      auth: admin, query: healthQuery, ok: { status: 200, description: "API, database, queues, storage, external services and rollups.", schema: healthOverview },
    },
  },
  "/api/v1/admin/alerts": {
    get: { id: "listAlertRules", tag, summary: "Every alert rule with its state", auth: admin, ok: { status: 200, description: "The rules.", schema: alertRuleList } },
    post: { id: "createAlertRule", tag, summary: "Create an alert rule", auth: admin, body: alertRuleBody, idempotent: true, ok: { status: 201, description: "The new rule.", schema: alertAnswer } },
  },
  "/api/v1/admin/alerts/{id}": {
    get: { id: "getAlertRule", tag, summary: "An alert rule with its state and history", auth: admin, params: alertIdParams, ok: { status: 200, description: "The rule.", schema: alertAnswer } },
    put: { id: "updateAlertRule", tag, summary: "Replace an alert rule's settings", auth: admin, params: alertIdParams, body: alertRuleBody, ok: { status: 200, description: "The rule as saved.", schema: alertAnswer } },
    delete: { id: "deleteAlertRule", tag, summary: "Delete an alert rule", auth: admin, params: alertIdParams, ok: { status: 204, description: "Deleted." } },
  },
});
