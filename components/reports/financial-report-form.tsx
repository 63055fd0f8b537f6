"use client";

// The /admin/reports form: report type, date range (with presets in the
// chosen zone), group by, time zone and file format. "Preview" checks the
// fields with the API's zod schema, then asks
// POST /api/v1/admin/reports/financial/preview for the first rows, totals and
// row count, drawn as a chart and a table. "Generate" starts the file
// (POST /api/v1/admin/reports/financial); the runs list below follows it.
import { useCallback, useEffect, useMemo, useState } from "react";
import { SimpleBarChart, type ValueFormat } from "@/components/charts";
import { notifyRunsChanged } from "@/components/runs/RunsList";
import { TableScroll } from "@/components/table-scroll";
import { formatDateTime, formatInt, formatMoney } from "@/lib/format";
import type { FinancialPreview, PreviewValue } from "@/lib/reports/financial/preview";
import type { Column } from "@/lib/reports/types";
import { FILE_FORMATS, financialPreviewRequest, GROUP_BYS, REPORT_TYPES } from "@/lib/validation/reports";

type Values = {
  report_type: (typeof REPORT_TYPES)[number];
  start_date: string;
  end_date: string;
  group_by: (typeof GROUP_BYS)[number];
  timezone: string;
  format: (typeof FILE_FORMATS)[number];
};

const TYPE_LABELS: Record<Values["report_type"], string> = {
  revenue: "Revenue",
  payouts: "Payouts",
  transactions: "Transactions",
  refunds: "Refunds",
  outstanding_balances: "Outstanding balances",
  tax_1099: "1099-NEC (US creators)",
};
const TYPE_HELP: Record<Values["report_type"], string> = {
  revenue: "One row per period: charges, refunds, net revenue, transactions, payouts, cash and accrued margin.",
  payouts: "Each payout dated when its money moved (completed, else requested), and a sheet per period.",
  transactions: "Every charge and refund created in the range, any status.",
  refunds: "Each succeeded refund with its original charge, and a sheet per period.",
  outstanding_balances: "Each creator's earned, paid, in-flight and available balance at the end of the end date.",
  tax_1099: "US creators paid in the calendar year of the end date (UTC): $600 threshold through 2025, $2,000 from 2026.",
};
const FORMAT_LABELS: Record<Values["format"], string> = { csv: "CSV", xlsx: "Excel (XLSX)", json: "JSON" };
const FIELD_LABELS: Record<string, string> = {
  report_type: "Report", start_date: "From", end_date: "To", group_by: "Group by", timezone: "Time zone", format: "Format",
};

/** What the chart draws for each report: per-bucket money where the report has buckets, else the first rows. */
const CHARTS: Record<Values["report_type"], { source: "buckets" | "rows"; index: string; series: Record<string, string>; colors: string[] }> = {
  revenue: { source: "buckets", index: "bucket", series: { charges: "Charges", refunds: "Refunds", net_revenue: "Net revenue" }, colors: ["blue", "rose", "emerald"] },
  payouts: { source: "buckets", index: "bucket", series: { completed_amount: "Completed", pending_amount: "Pending", failed_amount: "Failed" }, colors: ["emerald", "amber", "rose"] },
  refunds: { source: "buckets", index: "bucket", series: { refund_amount: "Refunds" }, colors: ["rose"] },
  transactions: { source: "rows", index: "created_at", series: { amount: "Amount" }, colors: ["blue"] },
  outstanding_balances: { source: "rows", index: "creator_name", series: { available_balance: "Available balance" }, colors: ["violet"] },
  tax_1099: { source: "rows", index: "legal_name", series: { total_paid: "Total paid" }, colors: ["blue"] },
};

// ---- dates as 'YYYY-MM-DD' in the chosen zone ----
const day = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));
function todayIn(tz: string): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  } catch {
    return day(new Date());
  }
}
function presets(tz: string): { label: string; start: string; end: string }[] {
  const t = todayIn(tz);
  const [y, m, d] = t.split("-").map(Number);
  const q = Math.floor((m - 1) / 3) * 3;
  return [
    { label: "This month", start: day(utc(y, m - 1, 1)), end: t },
    { label: "Last month", start: day(utc(y, m - 2, 1)), end: day(utc(y, m - 1, 0)) },
    { label: "This quarter", start: day(utc(y, q, 1)), end: t },
    { label: "Last quarter", start: day(utc(y, q - 3, 1)), end: day(utc(y, q, 0)) },
    { label: "Year to date", start: `${y}-01-01`, end: t },
    { label: "Last year", start: `${y - 1}-01-01`, end: `${y - 1}-12-31` },
    { label: "Last 30 days", start: day(utc(y, m - 1, d - 29)), end: t },
  ];
}

function cell(c: Column, v: PreviewValue | undefined, tz: string): string {
  if (v === null || v === undefined) return "—";
  switch (c.kind) {
    case "money":
      return formatMoney(v as number);
    case "integer":
      return formatInt(v as number);
    case "datetime":
      return formatDateTime(String(v), tz);
    case "boolean":
      return v ? "Yes" : "No";
    default:
      return String(v);
  }
}

const numeric = (c: Column) => c.kind === "money" || c.kind === "integer" || c.kind === "number" || c.kind === "percent";
const inputClass = "w-full rounded-tremor-default border border-tremor-border bg-white px-3 py-2 text-tremor-default text-tremor-content-strong";

type ApiError = { error?: { message?: string; field?: string } };

export function FinancialReportForm({ initial }: { initial: Values }) {
  const [v, setV] = useState<Values>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<FinancialPreview | null>(null);
  /** What the preview shown was asked for (the form may have changed since). */
  const [shownFor, setShownFor] = useState<Pick<Values, "report_type" | "group_by" | "format">>(initial);
  const [loading, setLoading] = useState(false);
  const [generate, setGenerate] = useState<{ kind: "idle" | "starting" | "started" | "failed"; text?: string }>({ kind: "idle" });
  const zones = useMemo(() => {
    try {
      return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf("timeZone");
    } catch {
      return [];
    }
  }, []);

  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((old) => ({ ...old, [k]: value }));

  /** The request's own checks, with the field named as the form labels it. */
  const check = useCallback((vals: Values) => {
    const { format: _format, ...params } = vals;
    const parsed = financialPreviewRequest.safeParse(params);
    if (parsed.success) return { params: parsed.data, error: null };
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? "");
    return { params: null, error: `${FIELD_LABELS[field] ?? field}: ${issue.message}` };
  }, []);

  const load = useCallback(async (vals: Values) => {
    const { params, error } = check(vals);
    setGenerate({ kind: "idle" });
    if (!params) {
      setProblem(error);
      setPreview(null);
      return;
    }
    setProblem(null);
    setLoading(true);
    window.history.replaceState(null, "", `?${new URLSearchParams({ ...params, format: vals.format }).toString()}`);
    try {
      const res = await fetch("/api/v1/admin/reports/financial/preview", {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params),
      });
      const body = (await res.json()) as FinancialPreview & ApiError;
      if (!res.ok) {
        setProblem(body.error?.message ?? `Preview failed (HTTP ${res.status})`);
        setPreview(null);
      } else {
        setPreview(body);
        setShownFor({ report_type: vals.report_type, group_by: vals.group_by, format: vals.format });
      }
    } catch {
      setProblem("Preview failed: the server could not be reached");
    } finally {
      setLoading(false);
    }
  }, [check]);

  // the first preview, of the parameters the page was opened with
  useEffect(() => {
    void load(initial);
  }, [initial, load]);

  async function start() {
    const { params, error } = check(v);
    if (!params) return setProblem(error);
    setGenerate({ kind: "starting" });
    try {
      const res = await fetch("/api/v1/admin/reports/financial", {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...params, format: v.format }),
      });
      const body = (await res.json().catch(() => ({}))) as { report_run_id?: string; estimated_time?: number } & ApiError;
      if (!res.ok) return setGenerate({ kind: "failed", text: body.error?.message ?? `could not start (HTTP ${res.status})` });
      setGenerate({ kind: "started", text: `Started${body.estimated_time != null ? `, about ${Math.max(1, Math.round(body.estimated_time))} s` : ""}: follow it in Report runs below.` });
      notifyRunsChanged();
    } catch {
      setGenerate({ kind: "failed", text: "could not start: the server could not be reached" });
    }
  }

  // the chart and table describe the preview shown, not the form's current choice
  const chart = CHARTS[shownFor.report_type];
  const shown = preview && preview.columns.some((c) => c.key === chart.index) ? shownFor.report_type : null;
  const chartRows = preview ? (chart.source === "buckets" ? preview.buckets?.rows ?? [] : preview.rows) : [];
  const tz = preview?.timezone ?? v.timezone;
  const chartData = chartRows.map((r) => ({
    [chart.index]: chart.index === "created_at" ? formatDateTime(String(r.created_at), tz) : String(r[chart.index] ?? ""),
    ...Object.fromEntries(Object.entries(chart.series).map(([k, label]) => [label, Number(r[k] ?? 0)])),
  }));
  const noBuckets = v.report_type === "outstanding_balances" || v.report_type === "tax_1099";

  return (
    <div className="space-y-6">
      <form
        className="rounded-tremor-default border border-tremor-border bg-white p-4 shadow-tremor-card"
        aria-label="Financial report"
        data-testid="report-form"
        onSubmit={(e) => {
          e.preventDefault();
          void load(v);
        }}
      >
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <div className="text-tremor-default">
            <label htmlFor="report-report_type" className="mb-1 block font-medium text-tremor-content-strong">Report</label>
            <select className={inputClass} id="report-report_type" name="report_type" value={v.report_type} onChange={(e) => set("report_type", e.target.value as Values["report_type"])}>
              {REPORT_TYPES.map((t) => <option key={t} value={t}>{TYPE_LABELS[t]}</option>)}
            </select>
          </div>
          <div className="text-tremor-default">
            <label htmlFor="report-start_date" className="mb-1 block font-medium text-tremor-content-strong">From</label>
            <input className={inputClass} id="report-start_date" type="date" name="start_date" value={v.start_date} onChange={(e) => set("start_date", e.target.value)} />
          </div>
          <div className="text-tremor-default">
            <label htmlFor="report-end_date" className="mb-1 block font-medium text-tremor-content-strong">To</label>
            <input className={inputClass} id="report-end_date" type="date" name="end_date" value={v.end_date} onChange={(e) => set("end_date", e.target.value)} />
          </div>
          <div className="text-tremor-default">
            <label htmlFor="report-group_by" className="mb-1 block font-medium text-tremor-content-strong">Group by</label>
            <select className={inputClass} id="report-group_by" name="group_by" value={v.group_by} disabled={noBuckets} onChange={(e) => set("group_by", e.target.value as Values["group_by"])}>
              {GROUP_BYS.map((g) => <option key={g} value={g}>{g === "week" ? "week (from Monday)" : g}</option>)}
            </select>
          </div>
          <div className="text-tremor-default">
            <label htmlFor="report-timezone" className="mb-1 block font-medium text-tremor-content-strong">Time zone</label>
            <input className={inputClass} id="report-timezone" name="timezone" list="report-zones" value={v.timezone} autoComplete="off" spellCheck={false}
              onChange={(e) => set("timezone", e.target.value)} />
            <datalist id="report-zones">{zones.map((z) => <option key={z} value={z} />)}</datalist>
          </div>
          <div className="text-tremor-default">
            <label htmlFor="report-format" className="mb-1 block font-medium text-tremor-content-strong">Format</label>
            <select className={inputClass} id="report-format" name="format" value={v.format} onChange={(e) => set("format", e.target.value as Values["format"])}>
              {FILE_FORMATS.map((f) => <option key={f} value={f}>{FORMAT_LABELS[f]}</option>)}
            </select>
          </div>
        </div>
        <fieldset className="mt-4">
          <legend className="text-tremor-label text-tremor-content">Range presets (in {v.timezone || "UTC"})</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {presets(v.timezone || "UTC").map((p) => (
              <button key={p.label} type="button" onClick={() => setV((old) => ({ ...old, start_date: p.start, end_date: p.end }))}
                aria-pressed={v.start_date === p.start && v.end_date === p.end}
                className="rounded-tremor-small border border-tremor-border px-2 py-1 text-tremor-label hover:bg-tremor-background-subtle aria-pressed:border-tremor-brand aria-pressed:bg-tremor-brand-faint">
                {p.label}
              </button>
            ))}
          </div>
        </fieldset>
        <p className="mt-3 text-tremor-label text-tremor-content">{TYPE_HELP[v.report_type]}</p>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <button type="submit" data-testid="preview-button"
            className="rounded-tremor-default border border-tremor-border px-4 py-2 text-tremor-default font-medium hover:bg-tremor-background-subtle">
            {loading ? "Loading preview…" : "Preview"}
          </button>
          <button type="button" onClick={start} disabled={generate.kind === "starting"} data-testid="generate-button"
            className="rounded-tremor-default bg-tremor-brand px-4 py-2 text-tremor-default font-medium text-white hover:bg-tremor-brand-emphasis disabled:opacity-60">
            {generate.kind === "starting" ? "Starting…" : `Generate ${FORMAT_LABELS[v.format]}`}
          </button>
          <span role="status" className="text-tremor-default" data-testid="generate-status">
            {generate.kind === "started" && <span className="text-emerald-700">{generate.text}</span>}
            {generate.kind === "failed" && <span className="text-red-700">Could not generate: {generate.text}</span>}
          </span>
        </div>
        {problem && (
          <p role="alert" data-testid="report-error" className="mt-3 rounded-tremor-default border border-red-200 bg-red-50 px-3 py-2 text-tremor-default text-red-800">
            {problem}
          </p>
        )}
      </form>

      <section aria-labelledby="preview-title" aria-busy={loading} className="rounded-tremor-default border border-tremor-border bg-white p-4 shadow-tremor-card" data-testid="report-preview">
        <h2 id="preview-title" className="text-tremor-title font-medium text-tremor-content-strong">Preview</h2>
        {!preview && !loading && <p className="mt-2 text-tremor-default text-tremor-content">Choose a report and press Preview.</p>}
        {loading && !preview && <p className="mt-2 text-tremor-default text-tremor-content">Loading…</p>}
        {preview && (
          <>
            <p className="mt-1 text-tremor-default text-tremor-content" data-testid="preview-summary">
              {formatInt(preview.estimated_rows)} {preview.estimated_rows === 1 ? "row" : "rows"} in the file{" "}
              <span className="font-mono">{preview.file_stem}.{shownFor.format}</span>
              {preview.rows.length < preview.estimated_rows ? `; the first ${preview.rows.length} are shown` : ""}. Times in {preview.timezone}.
            </p>
            {shown && chartData.length > 0 && (
              <div className="mt-4">
                <SimpleBarChart data={chartData} index={chart.index} categories={Object.values(chart.series)} colors={chart.colors}
                  format={"money" satisfies ValueFormat} className="h-64" testId="preview-chart" />
                <p className="mt-1 text-tremor-label text-tremor-content">
                  {chart.source === "buckets" ? `Per ${shownFor.group_by} (the table below has the figures)` : "The rows shown below"}
                </p>
              </div>
            )}
            <div className="mt-4">
              <TableScroll label="Report preview">
                <table className="w-full text-left text-tremor-default" data-testid="preview-table">
                  <thead className="border-b border-tremor-border text-tremor-content">
                    <tr>{preview.columns.map((c) => <th key={c.key} scope="col" className={`whitespace-nowrap p-2 ${numeric(c) ? "text-right" : ""}`}>{c.label}</th>)}</tr>
                  </thead>
                  <tbody>
                    {preview.rows.length === 0 && (
                      <tr><td colSpan={preview.columns.length} className="p-2 text-tremor-content">No rows for this range.</td></tr>
                    )}
                    {preview.rows.map((r, i) => (
                      <tr key={i} className="border-b border-tremor-border">
                        {preview.columns.map((c) => (
                          <td key={c.key} className={`whitespace-nowrap p-2 ${numeric(c) ? "text-right tabular-nums" : ""}`}>{cell(c, r[c.key], tz)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                  {preview.totals && (
                    <tfoot data-testid="preview-totals">
                      <tr className="font-medium text-tremor-content-strong">
                        {preview.columns.map((c, i) => (
                          <td key={c.key} className={`whitespace-nowrap p-2 ${numeric(c) ? "text-right tabular-nums" : ""}`}>
                            {c.key in preview.totals! ? cell(c, preview.totals![c.key], tz) : i === 0 ? "Total (all rows)" : ""}
                          </td>
                        ))}
                      </tr>
                    </tfoot>
                  )}
                </table>
              </TableScroll>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
