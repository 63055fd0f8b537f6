// Financial reports (US-7.8), exports (US-7.10), their runs and file downloads.
import { z } from "zod";
import { financialPreviewRequest, financialReportRequest } from "@/lib/validation/reports";
import { exportEstimateRequest, exportRequest, listRunsQuery, runIdParams } from "@/lib/validation/runs";
import { routes } from "../common";
import { exportAccepted, exportEstimate, financialPreview, reportAccepted, reportRunAnswer, runAnswer, runList } from "../schemas/runs";

const tag = "Reports and exports";
const admin = ["admin" as const];
const FILES = {
  "text/csv": "CSV (UTF-8, a header row).",
  "application/json": "JSON.",
  "application/x-ndjson": "One JSON object per line (exports).",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook.",
};

export const runPaths = routes({
  "/api/v1/admin/reports/financial": {
    post: {
      id: "requestFinancialReport", tag, summary: "Start a financial report run", description: "Runs in the background; follow `GET /api/v1/admin/reports/runs/{id}` (status, progress, download link). `tax_1099` takes the tax year of end_date.",
      auth: admin, body: financialReportRequest, idempotent: true, errors: [501], ok: { status: 202, description: "Accepted; the run id.", schema: reportAccepted },
    },
  },
  "/api/v1/admin/reports/financial/preview": {
    post: { id: "previewFinancialReport", tag, summary: "First rows, totals and row count of a financial report", auth: admin, body: financialPreviewRequest, errors: [501], ok: { status: 200, description: "The preview.", schema: financialPreview } },
  },
  "/api/v1/admin/reports/runs": {
    get: { id: "listRuns", tag, summary: "Report and export runs, newest first (paged)", auth: admin, query: listRunsQuery, ok: { status: 200, description: "A page of runs.", schema: runList } },
  },
  "/api/v1/admin/reports/runs/{id}": {
    get: {
      id: "getRun", tag, summary: "A run (report or export) with its download link", description: "`download_url` only for the admin who asked, once completed and while the file is kept.",
      auth: admin, params: runIdParams, ok: { status: 200, description: "The run.", schema: runAnswer },
    },
  },
  "/api/v1/admin/reports/runs/{id}/cancel": {
    post: { id: "cancelRun", tag, summary: "Cancel a run", description: "The run stops at its next chunk and ends failed, \"cancelled\"; 409 `already_finished`.", auth: admin, params: runIdParams, errors: [409], ok: { status: 202, description: "Cancel requested.", schema: reportRunAnswer } },
  },
  "/api/v1/admin/reports/runs/{id}/download": {
    get: {
      id: "redirectToDownload", tag, summary: "A fresh signed link to a completed run's file",
      description: "For the admin who asked: 303 to `/api/v1/downloads/{token}`. Not signed in: 303 to the sign-in page and back. 410 (an HTML page) when the file was deleted.",
      auth: admin, params: runIdParams, rateHeaders: false, htmlErrors: { 410: "The file has been deleted." },
      ok: { status: 303, description: "Redirect to the signed download link (or to sign-in).", headers: z.object({ Location: z.string().meta({ description: "Where to go." }) }) },
    },
  },
  "/api/v1/downloads/{token}": {
    get: {
      id: "download", tag, summary: "A run's file by its signed link",
      description: "The link itself is the credential (emailed, valid 7 days); signed in as another user → 403. 403 (HTML) for a tampered link, 410 (HTML) when expired or the file was deleted, 404 (HTML) when the run has not completed.",
      auth: "none", security: [{}, { bearerAuth: [] }, { sessionCookie: [] }], params: z.object({ token: z.string().meta({ description: "The signed token from the link." }) }), rateHeaders: false,
      ok: [
        { status: 200, description: "The file, as an attachment (`Content-Disposition`), with `Content-Length`.", files: FILES },
      ],
      exactErrors: true,
      htmlErrors: {
        403: "A tampered link, or signed in as another user than the one the link is for.",
        404: "The run has not completed.",
        410: "The link has expired (with a link to get a new one) or the file was deleted.",
      },
    },
  },
  "/api/v1/admin/exports": {
    post: {
      id: "requestExport", tag, summary: "Start an export run", description: "Runs in the background; follow `GET /api/v1/admin/exports/{id}`. `filters` must be ones the entity takes (400 naming the field).",
      auth: admin, body: exportRequest, idempotent: true, ok: { status: 202, description: "Accepted; the run id and estimate.", schema: exportAccepted },
    },
  },
  "/api/v1/admin/exports/estimate": {
    post: { id: "estimateExport", tag, summary: "Rows and time an export would take now", auth: admin, body: exportEstimateRequest, ok: { status: 200, description: "The estimate.", schema: exportEstimate } },
  },
  "/api/v1/admin/exports/{id}": {
    get: { id: "getExport", tag, summary: "An export's run (like GET /reports/runs/{id})", auth: admin, params: runIdParams, ok: { status: 200, description: "The run.", schema: runAnswer } },
  },
});
