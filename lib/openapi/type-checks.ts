// Compile-time ties between the answer schemas (lib/openapi/schemas) and
// what the handlers return: each lib function's result must be assignable
// to its schema's input type, with the same top-level fields — so changing
// an answer without its schema (or the reverse) fails `npm run typecheck`.
// Nested extra fields are caught at run time by the contract test
// (tests/e2e/openapi-contract.test.ts: the document forbids unknown fields).
import type { z } from "zod";
import type { AuthUser } from "@/lib/auth/types";
import type { listTokens } from "@/lib/auth/tokens";
import type { ActivityEvent } from "@/lib/analytics/activity";
import type { LevelCreators } from "@/lib/analytics/admin-level-creators";
import type { CreatorDashboard } from "@/lib/analytics/creator";
import type { CreatorEarnings } from "@/lib/analytics/creator-earnings";
import type { FraudDashboard } from "@/lib/analytics/fraud";
import type { CreatorLevelStats } from "@/lib/analytics/levels";
import type { PlatformDashboard } from "@/lib/analytics/platform";
import type { QualityDashboard } from "@/lib/analytics/quality";
import type { UploaderDashboard } from "@/lib/analytics/uploader";
import type { EventCounts, Funnel, eventTail as eventTailFn } from "@/lib/events/analysis";
import type { IngestAnswer } from "@/lib/events/http";
import type { createWriteKey, listWriteKeys } from "@/lib/events/write-keys";
import type { AlertRuleJson, getRule } from "@/lib/health/alerts/rules";
import type { HealthOverview } from "@/lib/health/overview";
import type { jobsOverview as jobsOverviewFn } from "@/lib/jobs/overview";
import type { SendResult } from "@/lib/mail";
import type { listOutbox } from "@/lib/mail/outbox";
import type { CatalogListing } from "@/lib/reports/catalog";
import type { ReportResult } from "@/lib/reports/builder";
import type { FinancialPreview } from "@/lib/reports/financial/preview";
import type { SavedReportJson } from "@/lib/reports/saved";
import type { SlotView } from "@/lib/reports/schedules";
import type { listRuns } from "@/lib/runs/list";
import type { estimateExport, requestExport, requestFinancialReport, runForUser } from "@/lib/runs/service";
import type { RunView } from "@/lib/runs/view";
import type { schedulePreview as schedulePreviewFn } from "@/lib/schedules/preview";
import type { listUsers } from "@/lib/users";
import type { createWebhook, listDeliveries, listWebhooks, replayDelivery, WebhookView } from "@/lib/webhooks/endpoints";
import type * as A from "./schemas/admin-analytics";
import type * as Auth from "./schemas/auth";
import type * as D from "./schemas/dashboards";
import type * as E from "./schemas/events";
import type * as H from "./schemas/health";
import type * as O from "./schemas/operations";
import type * as B from "./schemas/report-builder";
import type * as R from "./schemas/runs";
import type * as W from "./schemas/webhooks";

type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
type Keys<T> = T extends unknown ? keyof T : never;
/** true when `Actual` fits the schema and has exactly its top-level fields */
type Fits<Actual, Schema extends z.ZodType> = [Actual] extends [z.input<Schema>]
  ? [Exclude<Keys<Actual>, Keys<z.input<Schema>>>] extends [never]
    ? [Exclude<Keys<z.input<Schema>>, Keys<Actual>>] extends [never]
      ? true
      : { missing_in_answer: Exclude<Keys<z.input<Schema>>, Keys<Actual>> }
    : { not_in_schema: Exclude<Keys<Actual>, Keys<z.input<Schema>>> }
  : { not_assignable: [Actual, z.input<Schema>] };
type Ok<T extends true> = T;

export type Checks = [
  Ok<Fits<{ user: AuthUser }, typeof Auth.meAnswer>>,
  Ok<Fits<{ tokens: Answer<typeof listTokens> }, typeof Auth.tokenList>>,
  Ok<Fits<UploaderDashboard, typeof D.uploaderDashboard>>,
  Ok<Fits<CreatorDashboard, typeof D.creatorDashboard>>,
  Ok<Fits<CreatorEarnings, typeof D.creatorEarnings>>,
  Ok<Fits<PlatformDashboard, typeof A.platformDashboard>>,
  Ok<Fits<{ data_as_of: string; events: ActivityEvent[] }, typeof A.activityFeed>>,
  Ok<Fits<QualityDashboard, typeof A.qualityDashboard>>,
  Ok<Fits<FraudDashboard, typeof A.fraudDashboard>>,
  Ok<Fits<CreatorLevelStats, typeof A.creatorLevelStats>>,
  Ok<Fits<LevelCreators, typeof A.levelCreators>>,
  Ok<Fits<Answer<typeof listUsers>, typeof A.userList>>,
  Ok<Fits<IngestAnswer, typeof E.ingestAnswer>>,
  Ok<Fits<EventCounts, typeof E.eventCounts>>,
  Ok<Fits<Funnel, typeof E.eventFunnel>>,
  Ok<Fits<Answer<typeof eventTailFn>, typeof E.eventTail>>,
  Ok<Fits<{ keys: Answer<typeof listWriteKeys> }, typeof E.writeKeyList>>,
  Ok<Fits<Answer<typeof createWriteKey>, typeof E.createdWriteKey>>,
  Ok<Fits<RunView, typeof R.reportRun>>,
  Ok<Fits<Answer<typeof runForUser>, typeof R.runAnswer>>,
  Ok<Fits<Answer<typeof listRuns>, typeof R.runList>>,
  Ok<Fits<Answer<typeof requestFinancialReport>, typeof R.reportAccepted>>,
  Ok<Fits<Answer<typeof requestExport>, typeof R.exportAccepted>>,
  Ok<Fits<Answer<typeof estimateExport>, typeof R.exportEstimate>>,
  Ok<Fits<FinancialPreview, typeof R.financialPreview>>,
  Ok<Fits<CatalogListing, typeof B.catalog>>,
  Ok<Fits<ReportResult, typeof B.builderPreview>>,
  Ok<Fits<SavedReportJson, typeof B.savedReport>>,
  Ok<Fits<{ run: SlotView }, typeof B.runNowAnswer>>,
  Ok<Fits<SlotView, typeof B.slot>>,
  Ok<Fits<ReturnType<typeof schedulePreviewFn>, typeof B.schedulePreview>>,
  Ok<Fits<Answer<typeof jobsOverviewFn>, typeof O.jobsOverview>>,
  Ok<Fits<Answer<typeof listOutbox>, typeof O.outboxList>>,
  Ok<Fits<{ email: SendResult }, typeof O.testEmailAnswer>>,
  Ok<Fits<{ alerts: AlertRuleJson[] }, typeof H.alertRuleList>>,
  Ok<Fits<{ alert: NonNullable<Answer<typeof getRule>> }, typeof H.alertAnswer>>,
  Ok<Fits<HealthOverview, typeof H.healthOverview>>,
  Ok<Fits<WebhookView, typeof W.webhook>>,
  Ok<Fits<Answer<typeof listWebhooks>, typeof W.webhookList>>,
  Ok<Fits<Answer<typeof createWebhook>, typeof W.createdWebhook>>,
  Ok<Fits<Answer<typeof listDeliveries>, typeof W.deliveryList>>,
  Ok<Fits<Answer<typeof replayDelivery>, typeof W.deliveryAnswer>>,
];
