// The saved reports list (US-7.9): each report's schedule in words, next run
// and last run status (a failed last run in red), "Run now" / "Send now", with a link to edit it. A
// server component, so the reports hub page can mount it as a section.
import Link from "next/link";
import { TableScroll } from "@/components/table-scroll";
import { formatDateTime } from "@/lib/format";
import type { SavedReportJson } from "@/lib/reports/saved";
import { ReportRunButtons } from "./report-run-buttons";

const STATUS_CLASS: Record<string, string> = {
  failed: "bg-red-100 text-red-800",
  running: "bg-blue-100 text-blue-800",
  completed: "bg-emerald-100 text-emerald-800",
  sent: "bg-emerald-100 text-emerald-800",
  skipped: "bg-gray-100 text-gray-800",
  missed: "bg-amber-100 text-amber-900",
};

export function SavedReportsList({ reports, timeZone }: { reports: SavedReportJson[]; timeZone: string }) {
  return (
    <div className="rounded-tremor-default border border-tremor-border bg-white" data-testid="saved-reports">
      <TableScroll label="Saved reports">
        <table className="w-full text-left text-tremor-default">
          <thead className="border-b border-tremor-border text-tremor-content">
            <tr>
              <th scope="col" className="p-3">Report</th>
              <th scope="col" className="p-3">Schedule</th>
              <th scope="col" className="p-3">Next run</th>
              <th scope="col" className="p-3">Last run</th>
              <th scope="col" className="p-3">Owner</th>
              <th scope="col" className="p-3">Actions</th>
            </tr>
          </thead>
          <tbody>
            {reports.length === 0 && (
              <tr><td colSpan={6} className="p-3 text-tremor-content">No saved reports yet. <Link className="text-tremor-brand underline" href="/admin/reports/builder">Build one</Link>.</td></tr>
            )}
            {reports.map((r) => (
              <tr key={r.id} className="border-b border-tremor-border last:border-0" data-report-id={r.id}>
                <td className="p-3">
                  <Link href={`/admin/reports/${r.id}`} className="font-medium text-tremor-brand underline-offset-2 hover:underline">{r.name}</Link>
                  <span className="block text-tremor-label text-tremor-content">{r.report_type === "custom" ? "Custom" : `Financial: ${r.report_type}`}{r.description ? ` · ${r.description}` : ""}</span>
                </td>
                <td className="p-3">{r.is_scheduled ? <>{r.schedule_description}<span className="block text-tremor-label text-tremor-content">{r.recipients.length} recipient{r.recipients.length === 1 ? "" : "s"} · {r.format} · {r.send_condition.replace("_", " ")}</span></> : <span className="text-tremor-content">Not scheduled</span>}</td>
                <td className="whitespace-nowrap p-3">{r.next_run_at ? formatDateTime(r.next_run_at, timeZone) : "—"}</td>
                <td className="whitespace-nowrap p-3">
                  {r.last_run_status ? (
                    <span className={`rounded px-2 py-0.5 text-tremor-label ${STATUS_CLASS[r.last_run_status] ?? "bg-gray-100"}`} data-testid="last-run-status">{r.last_run_status}</span>
                  ) : "never run"}
                  {r.last_run_at && <span className="block text-tremor-label text-tremor-content">{formatDateTime(r.last_run_at, timeZone)}</span>}
                  {r.last_run_reason && (
                    <span className={`block max-w-xs whitespace-normal text-tremor-label ${r.last_run_status === "failed" ? "text-red-700" : "text-tremor-content"}`} data-testid="last-run-reason">{r.last_run_reason}</span>
                  )}
                </td>
                <td className="p-3">{r.owner?.name ?? "—"}</td>
                <td className="p-3"><ReportRunButtons reportId={r.id} canSend={r.recipients.length > 0} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
