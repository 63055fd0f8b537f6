// The custom report builder (US-7.9): catalog, preview, saved reports, their schedules and runs.
import { previewRequest, reportIdParams, runNowBody, savedReportBody } from "@/lib/validation/custom-reports";
import { schedulePreviewQuery } from "@/lib/validation/schedules";
import { routes } from "../common";
import { builderPreview, catalog, reportRunList, runNowAnswer, savedReportAnswer, savedReportList, schedulePreview } from "../schemas/report-builder";

const tag = "Report builder";
const admin = ["admin" as const];

export const reportBuilderPaths = routes({
  "/api/v1/admin/reports/catalog": {
    get: { id: "getReportCatalog", tag, summary: "Metrics and dimensions a report can use", auth: admin, ok: { status: 200, description: "The metric catalog.", schema: catalog } },
  },
  "/api/v1/admin/reports/preview": {
    post: { id: "previewReport", tag, summary: "A report config's rows, totals and chart series", auth: admin, body: previewRequest, ok: { status: 200, description: "The preview.", schema: builderPreview } },
  },
  "/api/v1/admin/reports": {
    get: { id: "listSavedReports", tag, summary: "Saved reports with their schedule in words, next run and last run", auth: admin, ok: { status: 200, description: "Every saved report.", schema: savedReportList } },
    post: { id: "createSavedReport", tag, summary: "Save a report (optionally scheduled)", auth: admin, body: savedReportBody, idempotent: true, ok: { status: 201, description: "The saved report.", schema: savedReportAnswer } },
  },
  "/api/v1/admin/reports/{id}": {
    get: { id: "getSavedReport", tag, summary: "A saved report", auth: admin, params: reportIdParams, ok: { status: 200, description: "The report.", schema: savedReportAnswer } },
    put: { id: "updateSavedReport", tag, summary: "Replace a saved report", auth: admin, params: reportIdParams, body: savedReportBody, ok: { status: 200, description: "The report as saved.", schema: savedReportAnswer } },
    delete: { id: "deleteSavedReport", tag, summary: "Delete a saved report", auth: admin, params: reportIdParams, ok: { status: 204, description: "Deleted." } },
  },
  "/api/v1/admin/reports/{id}/run": {
    post: {
      id: "runSavedReport", tag, summary: "Run now (send: false) or send now (send: true)", description: "Follow it with `GET /api/v1/admin/reports/{id}/runs`.",
      auth: admin, params: reportIdParams, body: runNowBody, idempotent: true, errors: [501], ok: { status: 202, description: "The run, recorded.", schema: runNowAnswer },
    },
  },
  "/api/v1/admin/reports/{id}/runs": {
    get: { id: "listSavedReportRuns", tag, summary: "Scheduled and manual runs of a saved report, newest first", auth: admin, params: reportIdParams, ok: { status: 200, description: "The runs with their delivery log.", schema: reportRunList } },
  },
  "/api/v1/admin/reports/schedule-preview": {
    get: {
      id: "previewSchedule", tag, summary: "A schedule in words and its next runs", description: "5-field cron in an IANA zone, at most every 15 minutes; DST notes on the runs a change affects.",
      auth: admin, query: schedulePreviewQuery, ok: { status: 200, description: "The description and the next runs.", schema: schedulePreview },
    },
  },
});
