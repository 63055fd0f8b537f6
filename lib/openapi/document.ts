// The OpenAPI 3.1 document of /api/v1, built by zod-openapi from the zod
// schemas the handlers validate with (lib/validation) and the answer schemas
// (lib/openapi/schemas). Served at GET /api/v1/openapi.json and rendered at /docs/api.
import { createDocument } from "zod-openapi";
import { errorBody, pagination, securitySchemes } from "./common";
import { adminAnalyticsPaths } from "./paths/admin-analytics";
import { authPaths } from "./paths/auth";
import { dashboardPaths } from "./paths/dashboards";
import { eventPaths, segmentPaths } from "./paths/events";
import { healthPaths } from "./paths/health";
import { metaPaths } from "./paths/meta";
import { operationsPaths } from "./paths/operations";
import { reportBuilderPaths } from "./paths/report-builder";
import { runPaths } from "./paths/runs";
import { webhookPaths } from "./paths/webhooks";

export const TAGS = [
  { name: "Authentication", description: "Bearer tokens (sign-in and personal) and who you are." },
  { name: "User dashboards", description: "The uploader's and creator's numbers (US-7.1–7.3)." },
  { name: "Admin analytics", description: "Platform, quality, fraud, creator levels, activity, users (US-7.4–7.7)." },
  { name: "Events", description: "Event intake and analysis; write keys for server-to-server senders." },
  { name: "Segment intake", description: "Segment's HTTP tracking API, for apps that already use a Segment SDK." },
  { name: "Reports and exports", description: "Financial reports and exports run in the background; poll the run, download the file." },
  { name: "Report builder", description: "Custom reports: catalog, preview, saved and scheduled reports (US-7.9)." },
  { name: "System health", description: "The health dashboard and alert rules (US-7.11)." },
  { name: "Webhooks", description: "Signed notifications of finished work: endpoints, deliveries, replay." },
  { name: "Operations", description: "Background jobs and the email outbox." },
  { name: "Meta", description: "This document." },
];

const INFO_DESCRIPTION = `The Marketplace Analytics API. Every route answers JSON; errors are one object,
\`{"error": {"code", "message", "field?"}}\` (400 names the refused field, 401 missing or bad token,
403 wrong role, 404 not yours or missing).

Paged lists share one shape (the \`Pagination\` schema): \`?page=&per_page=\` and the page's items under the
list's name beside \`page\`, \`per_page\`, \`total\` and \`has_more\`.

Every answer of a route behind the API's handler carries \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and
\`X-RateLimit-Reset\`; over a limit: 429 with \`Retry-After\`. POSTs that create something take an
\`Idempotency-Key\` header: a retry with the same key and body answers the first answer again.`;

function build() {
  return createDocument(
    {
      openapi: "3.1.0",
      info: { title: "Marketplace Analytics API", version: "1.0.0", description: INFO_DESCRIPTION },
      servers: [{ url: "/", description: "This server" }],
      tags: TAGS,
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
      paths: {
        ...authPaths,
        ...dashboardPaths,
        ...adminAnalyticsPaths,
        ...eventPaths,
        ...segmentPaths,
        ...runPaths,
        ...reportBuilderPaths,
        ...healthPaths,
        ...webhookPaths,
        ...operationsPaths,
        ...metaPaths,
      },
      components: {
        securitySchemes: securitySchemes as never,
        schemas: { Error: errorBody, Pagination: pagination },
      },
    },
    { allowEmptySchema: { custom: true } },
  );
}

export type OpenApiDocument = ReturnType<typeof createDocument>;

let built: OpenApiDocument | null = null;
/** The document; built once per process (it depends only on the code). */
export function openApiDocument(): OpenApiDocument {
  return (built ??= build());
}
