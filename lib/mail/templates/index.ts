// Email templates (React Email). Layout is the shared frame; each template returns {subject, html, text}.
export { Layout, renderEmail, styles, subjectLine, type LayoutProps, type RenderedEmail } from "./layout";
export { ExportReadyEmail, exportReadyEmail, type ExportReady } from "./export-ready";
export { testEmail, type TestEmail } from "./test-email";
export { AlertEmail, alertEmail, alertSubject, type AlertNotice } from "./alert";
export { scheduledReportEmail, scheduledReportFailedEmail, type ScheduledReport, type ScheduledReportFailed } from "./scheduled-report";
export { webhookDisabledEmail, type WebhookDisabled } from "./webhook-disabled";
