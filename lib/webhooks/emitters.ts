// The events of the places that emit them, with `data` as the API shows the
// thing: a run (lib/runs/view.ts), an alert rule with the transition
// (lib/health/alerts/rules.ts), a scheduled report's slot with its email
// deliveries (lib/reports/schedules/manual.ts). Each takes the caller's
// transaction client when it has one.
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { eventJson, ruleJson } from "@/lib/health/alerts/rules";
import { slotView } from "@/lib/reports/schedules/manual";
import { runView } from "@/lib/runs/view";
import type { WebhookEventType } from "@/lib/validation/webhooks";
import { emitWebhookEvent, kickWebhookDelivery, type Emitted } from "./emit";

type Tx = Prisma.TransactionClient;
const none: Emitted = { event_id: "", deliveries: 0 };

/**
 * A run that ended: report runs → report_run.completed / report_run.failed,
 * exports → export.completed (there is no export.failed event).
 */
export async function emitRunEvent(tx: Tx, runId: string, outcome: "completed" | "failed"): Promise<Emitted> {
  const run = await tx.reportRun.findUnique({ where: { id: runId } });
  if (!run) return none;
  const type: WebhookEventType | null = run.kind === "export" ? (outcome === "completed" ? "export.completed" : null) : `report_run.${outcome}`;
  return type ? emitWebhookEvent(tx, type, runView(run)) : none;
}

/** An alert transition that notifies (firing / resolved): the rule as it is now, with the transition. */
export async function emitAlertEvent(tx: Tx, eventId: string): Promise<Emitted> {
  const event = await tx.alertEvent.findUnique({ where: { id: eventId }, include: { rule: true } });
  if (!event || (event.notification !== "firing" && event.notification !== "resolved")) return none;
  return emitWebhookEvent(tx, `alert.${event.notification}`, { ...ruleJson(event.rule), transition: eventJson(event) });
}

/** A scheduled report slot that ended sent or failed: the slot and its email deliveries, with the report's name. */
export async function emitScheduledReportEvent(tx: Tx, slotId: string, status: "sent" | "failed"): Promise<Emitted> {
  const slot = await tx.reportScheduleSlot.findUnique({
    where: { id: slotId }, include: { deliveries: { orderBy: { recipient: "asc" } }, run: true, report: { select: { name: true } } },
  });
  if (!slot) return none;
  return emitWebhookEvent(tx, `scheduled_report.${status}`, { ...slotView(slot), report_name: slot.report.name });
}

/** For lib/reports/schedules/deliver.ts: emitted right after the slot's final status is written (not in its statement). */
export async function emitAndKickScheduledReport(db: Db, slotId: string, status: "sent" | "failed"): Promise<void> {
  const r = await emitScheduledReportEvent(db, slotId, status);
  if (r.deliveries > 0) await kickWebhookDelivery(db);
}
