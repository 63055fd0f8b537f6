"use client";

// The custom report builder (US-7.9): pick metrics, a date range, filters,
// up to two group-bys and a visualization; the preview (POST
// /api/v1/admin/reports/preview) follows every change; save, duplicate and
// delete through /api/v1/admin/reports. Only dimensions every chosen metric
// allows are offered (the API refuses the rest, naming the field).
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { Donut, SimpleBarChart, TrendAreaChart, TrendLineChart, type ValueFormat } from "@/components/charts";
import { TableScroll } from "@/components/table-scroll";
import { formatInt, formatMoney, formatPercent } from "@/lib/format";
import type { CatalogListing } from "@/lib/reports/catalog";
import type { SavedReportJson } from "@/lib/reports/saved";

type Unit = "money" | "count" | "rate" | "rating" | "hours";
type Filter = { dimension: string; op: "eq" | "in" | "not_in"; values: string };
type Value = string | number | null;
type Preview = {
  columns: { id: string; label: string; unit: Unit | "dimension" }[];
  rows: Record<string, Value>[];
  totals: Record<string, Value>;
  chart: { index: string | null; categories: { key: string; label: string }[]; unit: Unit; data: Record<string, Value>[] };
  range: { start_date: string; end_date: string; timezone: string };
  truncated: boolean;
};

const RELATIVE: [string, string][] = [
  ["last_7_days", "Last 7 days"], ["last_30_days", "Last 30 days"], ["last_90_days", "Last 90 days"], ["this_month", "This month"],
  ["last_month", "Last month"], ["this_quarter", "This quarter"], ["last_quarter", "Last quarter"], ["this_year", "This year"], ["last_year", "Last year"],
];
const VISUALIZATIONS: [string, string][] = [
  ["table", "Table"], ["line", "Line"], ["area", "Area"], ["bar", "Bar"], ["stacked_bar", "Stacked bar"], ["donut", "Donut"], ["number", "Single number"],
];
const FORMAT: Record<Unit, ValueFormat> = { money: "money", count: "int", rate: "percent", rating: "rating", hours: "hours" };

export function formatValue(v: Value, unit: Unit | "dimension"): string {
  if (v == null) return unit === "dimension" ? "(none)" : "—";
  if (unit === "dimension") return String(v);
  if (unit === "money") return formatMoney(v);
  if (unit === "count") return formatInt(Number(v));
  if (unit === "rate") return formatPercent(Number(v));
  if (unit === "rating") return Number(v).toFixed(2);
  return String(v);
}

type ConfigJson = {
  metrics: string[];
  date_range: { relative: string } | { start_date: string; end_date: string };
  timezone: string;
  filters: { dimension: string; op: string; values: string[] }[];
  group_by: string[];
  visualization: string;
};

const input = "rounded-tremor-small border border-tremor-border px-3 py-2 text-tremor-default";
const button = "rounded-tremor-small border border-tremor-border px-3 py-2 text-tremor-default hover:bg-tremor-background-muted focus:outline-none focus:ring-2 focus:ring-tremor-brand";
const primary = "rounded-tremor-small bg-tremor-brand px-4 py-2 text-tremor-default text-white hover:bg-tremor-brand-emphasis focus:outline-none focus:ring-2 focus:ring-tremor-brand";

export function ReportBuilder({ catalog, report, defaultTimeZone }: { catalog: CatalogListing; report?: SavedReportJson; defaultTimeZone: string }) {
  const router = useRouter();
  const initial = (report?.report_type === "custom" ? report.config : null) as ConfigJson | null;
  const [metrics, setMetrics] = useState<string[]>(initial?.metrics ?? ["revenue"]);
  const [rangeMode, setRangeMode] = useState<"relative" | "absolute">(initial && !("relative" in initial.date_range) ? "absolute" : "relative");
  const [relative, setRelative] = useState(initial && "relative" in initial.date_range ? initial.date_range.relative : "last_30_days");
  const [startDate, setStartDate] = useState(initial && "start_date" in initial.date_range ? initial.date_range.start_date : "");
  const [endDate, setEndDate] = useState(initial && "end_date" in initial.date_range ? initial.date_range.end_date : "");
  const [timezone, setTimezone] = useState(initial?.timezone ?? "UTC");
  const [filters, setFilters] = useState<Filter[]>(initial?.filters.map((f) => ({ ...f, op: f.op as Filter["op"], values: f.values.join(", ") })) ?? []);
  const [groupBy, setGroupBy] = useState<string[]>(initial?.group_by ?? ["day"]);
  const [visualization, setVisualization] = useState(initial?.visualization ?? "line");

  const [name, setName] = useState(report?.name ?? "");
  const [description, setDescription] = useState(report?.description ?? "");
  const [isScheduled, setIsScheduled] = useState(report?.is_scheduled ?? false);
  const [cron, setCron] = useState(report?.schedule_cron ?? "0 9 * * 1");
  const [recipients, setRecipients] = useState((report?.recipients ?? []).join(", "));
  const [scheduleZone, setScheduleZone] = useState(report?.timezone ?? defaultTimeZone);
  const [format, setFormat] = useState(report?.format ?? "csv");
  const [sendCondition, setSendCondition] = useState(report?.send_condition ?? "always");

  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState("");
  const [loading, setLoading] = useState(false);
  const [saveError, setSaveError] = useState("");
  const [saved, setSaved] = useState("");

  const metricById = useMemo(() => new Map(catalog.metrics.map((m) => [m.id, m])), [catalog]);
  const dimById = useMemo(() => new Map(catalog.dimensions.map((d) => [d.id, d])), [catalog]);
  // dimensions every chosen metric allows
  const allowed = useMemo(() => {
    const sets = metrics.map((m) => new Set(metricById.get(m as never)?.dimensions ?? []));
    return catalog.dimensions.map((d) => d.id).filter((d) => sets.every((s) => s.has(d)));
  }, [metrics, metricById, catalog]);
  const filterDims = allowed.filter((d) => dimById.get(d)?.kind !== "time");

  const config: ConfigJson = useMemo(() => ({
    metrics,
    date_range: rangeMode === "relative" ? { relative } : { start_date: startDate, end_date: endDate },
    timezone,
    filters: filters.filter((f) => f.values.trim()).map((f) => ({ dimension: f.dimension, op: f.op, values: f.values.split(",").map((v) => v.trim()).filter(Boolean) })),
    group_by: groupBy.filter(Boolean),
    visualization,
  }), [metrics, rangeMode, relative, startDate, endDate, timezone, filters, groupBy, visualization]);
  const configKey = JSON.stringify(config);

  // the preview follows every change (debounced; a newer request cancels the older)
  useEffect(() => {
    if (!metrics.length) {
      setPreview(null);
      setPreviewError("Pick at least one metric.");
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const res = await fetch("/api/v1/admin/reports/preview", {
          method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ config: JSON.parse(configKey) }), signal: ctrl.signal,
        });
        const json = await res.json();
        if (!res.ok) {
          setPreviewError(json.error?.message ?? `Preview failed (${res.status})`);
        } else {
          setPreview(json);
          setPreviewError("");
        }
      } catch (err) {
        if ((err as Error).name !== "AbortError") setPreviewError("Preview failed: the server did not answer.");
      } finally {
        if (!ctrl.signal.aborted) setLoading(false);
      }
    }, 350);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [configKey, metrics.length]);

  function toggleMetric(id: string) {
    const next = metrics.includes(id) ? metrics.filter((m) => m !== id) : [...metrics, id];
    setMetrics(next);
    // drop group-bys and filters the new set of metrics does not allow
    const ok = new Set(catalog.dimensions.map((d) => d.id).filter((d) => next.every((m) => metricById.get(m as never)?.dimensions.includes(d))));
    setGroupBy((g) => g.filter((d) => ok.has(d as never)));
    setFilters((fs) => fs.filter((f) => ok.has(f.dimension as never)));
  }

  function body(overrides: Partial<{ name: string }> = {}) {
    return {
      name: overrides.name ?? name,
      description: description || null,
      report_type: "custom",
      config,
      is_scheduled: isScheduled,
      schedule_cron: isScheduled || cron.trim() ? cron.trim() || null : null,
      recipients: recipients.split(/[\s,;]+/).map((r) => r.trim()).filter(Boolean),
      timezone: scheduleZone,
      format,
      send_condition: sendCondition,
    };
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaveError("");
    setSaved("");
    const res = await fetch(report ? `/api/v1/admin/reports/${report.id}` : "/api/v1/admin/reports", {
      method: report ? "PUT" : "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body()),
    });
    const json = await res.json();
    if (!res.ok) return setSaveError(json.error?.message ?? `Could not save (${res.status})`);
    setSaved(`Saved “${json.report.name}”.`);
    if (!report) router.push(`/admin/reports/${json.report.id}`);
    else router.refresh();
  }

  async function duplicate() {
    setSaveError("");
    const res = await fetch("/api/v1/admin/reports", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body({ name: `Copy of ${name}`.slice(0, 100) })),
    });
    const json = await res.json();
    if (!res.ok) return setSaveError(json.error?.message ?? `Could not duplicate (${res.status})`);
    router.push(`/admin/reports/${json.report.id}`);
  }

  async function remove() {
    if (!report || !window.confirm(`Delete “${report.name}”? Its runs are deleted with it.`)) return;
    const res = await fetch(`/api/v1/admin/reports/${report.id}`, { method: "DELETE", headers: { "content-type": "application/json" } });
    if (!res.ok) return setSaveError(`Could not delete (${res.status})`);
    router.push("/admin/reports/saved");
    router.refresh();
  }

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
      <div className="space-y-5" data-testid="builder-controls">
        <fieldset className="rounded-tremor-default border border-tremor-border bg-white p-4">
          <legend className="px-1 font-medium">Metrics</legend>
          <div className="grid max-h-72 grid-cols-1 gap-1 overflow-y-auto">
            {catalog.metrics.map((m) => (
              <label key={m.id} className="flex items-center gap-2 text-tremor-default">
                <input type="checkbox" checked={metrics.includes(m.id)} onChange={() => toggleMetric(m.id)} data-metric={m.id} />
                <span>{m.label}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset className="space-y-2 rounded-tremor-default border border-tremor-border bg-white p-4">
          <legend className="px-1 font-medium">Date range</legend>
          <div className="flex gap-4 text-tremor-default">
            <label className="flex items-center gap-1"><input type="radio" name="range-mode" checked={rangeMode === "relative"} onChange={() => setRangeMode("relative")} /> Relative</label>
            <label className="flex items-center gap-1"><input type="radio" name="range-mode" checked={rangeMode === "absolute"} onChange={() => setRangeMode("absolute")} /> Dates</label>
          </div>
          {rangeMode === "relative" ? (
            <label className="flex flex-col gap-1 text-tremor-default">Period
              <select className={input} value={relative} onChange={(e) => setRelative(e.target.value)} name="relative">
                {RELATIVE.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
              </select>
            </label>
          ) : (
            <div className="flex flex-wrap gap-2">
              <label className="flex flex-col gap-1 text-tremor-default">From<input type="date" className={input} value={startDate} onChange={(e) => setStartDate(e.target.value)} name="start_date" /></label>
              <label className="flex flex-col gap-1 text-tremor-default">To<input type="date" className={input} value={endDate} onChange={(e) => setEndDate(e.target.value)} name="end_date" /></label>
            </div>
          )}
          <label className="flex flex-col gap-1 text-tremor-default">Time zone of the days
            <input className={input} value={timezone} onChange={(e) => setTimezone(e.target.value)} name="timezone" list="builder-zones" />
          </label>
          <datalist id="builder-zones">{["UTC", defaultTimeZone].map((z) => <option key={z} value={z} />)}</datalist>
        </fieldset>

        <fieldset className="space-y-2 rounded-tremor-default border border-tremor-border bg-white p-4">
          <legend className="px-1 font-medium">Group by (up to two)</legend>
          {[0, 1].map((i) => (
            <label key={i} className="flex flex-col gap-1 text-tremor-default">{i === 0 ? "Group by" : "Then by"}
              <select className={input} name={`group_by_${i}`} value={groupBy[i] ?? ""} disabled={i === 1 && !groupBy[0]}
                onChange={(e) => {
                  const next = [...groupBy];
                  next[i] = e.target.value;
                  setGroupBy(next.filter(Boolean).slice(0, 2));
                }}>
                <option value="">None</option>
                {allowed.filter((d) => !groupBy.includes(d) || groupBy[i] === d).map((d) => <option key={d} value={d}>{dimById.get(d)?.label}</option>)}
              </select>
            </label>
          ))}
        </fieldset>

        <fieldset className="space-y-2 rounded-tremor-default border border-tremor-border bg-white p-4">
          <legend className="px-1 font-medium">Filters</legend>
          {filters.map((f, i) => {
            const values = dimById.get(f.dimension as never)?.values;
            return (
              <div key={i} className="flex flex-wrap items-end gap-2 border-b border-tremor-border pb-2">
                <label className="flex flex-col gap-1 text-tremor-label">Dimension
                  <select className={input} value={f.dimension} onChange={(e) => setFilters(filters.map((x, j) => (j === i ? { ...x, dimension: e.target.value, values: "" } : x)))}>
                    {filterDims.map((d) => <option key={d} value={d}>{dimById.get(d)?.label}</option>)}
                  </select>
                </label>
                <label className="flex flex-col gap-1 text-tremor-label">Test
                  <select className={input} value={f.op} onChange={(e) => setFilters(filters.map((x, j) => (j === i ? { ...x, op: e.target.value as Filter["op"] } : x)))}>
                    <option value="eq">is</option><option value="in">is one of</option><option value="not_in">is not one of</option>
                  </select>
                </label>
                <label className="flex min-w-0 flex-1 flex-col gap-1 text-tremor-label">Values (comma-separated)
                  <input className={input} value={f.values} list={`filter-values-${i}`} onChange={(e) => setFilters(filters.map((x, j) => (j === i ? { ...x, values: e.target.value } : x)))} />
                  {values && <datalist id={`filter-values-${i}`}>{values.map((v) => <option key={v} value={v} />)}</datalist>}
                </label>
                <button type="button" className={button} onClick={() => setFilters(filters.filter((_, j) => j !== i))} aria-label={`Remove filter ${i + 1}`}>Remove</button>
              </div>
            );
          })}
          {filterDims.length > 0 && (
            <button type="button" className={button} onClick={() => setFilters([...filters, { dimension: filterDims[0], op: "in", values: "" }])}>Add filter</button>
          )}
        </fieldset>

        <label className="flex flex-col gap-1 text-tremor-default">Visualization
          <select className={input} value={visualization} onChange={(e) => setVisualization(e.target.value)} name="visualization">
            {VISUALIZATIONS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </label>
      </div>

      <div className="min-w-0 space-y-6">
        <section aria-labelledby="preview-title" className="rounded-tremor-default border border-tremor-border bg-white p-4" aria-busy={loading}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="preview-title" className="font-medium text-tremor-content-strong">Preview</h2>
            <p className="text-tremor-label text-tremor-content" aria-live="polite">
              {loading ? "Updating…" : preview ? `${preview.range.start_date} – ${preview.range.end_date}, days in ${preview.range.timezone}` : ""}
            </p>
          </div>
          {previewError && <p role="alert" className="mt-2 text-red-700" data-testid="preview-error">{previewError}</p>}
          {preview && <PreviewView preview={preview} visualization={visualization} />}
        </section>

        <form onSubmit={save} className="space-y-3 rounded-tremor-default border border-tremor-border bg-white p-4" aria-labelledby="save-title">
          <h2 id="save-title" className="font-medium text-tremor-content-strong">{report ? "Saved report" : "Save as a template"}</h2>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
            <label className="flex flex-col gap-1 text-tremor-default">Name<input className={input} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} name="name" /></label>
            <label className="flex flex-col gap-1 text-tremor-default">Description<input className={input} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} name="description" /></label>
          </div>
          <fieldset className="space-y-3 rounded-tremor-small border border-tremor-border p-3">
            <legend className="px-1 text-tremor-default font-medium">Schedule and delivery</legend>
            <label className="flex items-center gap-2 text-tremor-default"><input type="checkbox" checked={isScheduled} onChange={(e) => setIsScheduled(e.target.checked)} name="is_scheduled" /> Email this report on a schedule</label>
            <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
              <label className="flex flex-col gap-1 text-tremor-default">Cron (at most every 15 minutes)
                <input className={input} value={cron} onChange={(e) => setCron(e.target.value)} name="schedule_cron" placeholder="0 9 * * 1" />
              </label>
              <label className="flex flex-col gap-1 text-tremor-default">Schedule time zone<input className={input} value={scheduleZone} onChange={(e) => setScheduleZone(e.target.value)} name="schedule_timezone" list="builder-zones" /></label>
              <label className="flex flex-col gap-1 text-tremor-default md:col-span-2">Recipients (up to 50 emails)
                <textarea className={input} rows={2} value={recipients} onChange={(e) => setRecipients(e.target.value)} name="recipients" placeholder="finance@example.com, ops@example.com" />
              </label>
              <label className="flex flex-col gap-1 text-tremor-default">File format
                <select className={input} value={format} onChange={(e) => setFormat(e.target.value)} name="format">
                  <option value="csv">CSV</option><option value="xlsx">Excel (XLSX)</option><option value="json">JSON</option><option value="none">None (inline only)</option>
                </select>
              </label>
              <label className="flex flex-col gap-1 text-tremor-default">Send
                <select className={input} value={sendCondition} onChange={(e) => setSendCondition(e.target.value)} name="send_condition">
                  <option value="always">Always</option><option value="if_rows">Only if there are rows</option><option value="if_changed">Only if the result changed</option>
                </select>
              </label>
            </div>
            {report?.schedule_description && <p className="text-tremor-label text-tremor-content">Now: {report.schedule_description}{report.next_run_at ? ` · next run ${report.next_run_at}` : ""}</p>}
          </fieldset>
          {saveError && <p role="alert" className="text-red-700" data-testid="save-error">{saveError}</p>}
          {saved && <p role="status" className="text-emerald-700">{saved}</p>}
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={primary}>{report ? "Save changes" : "Save report"}</button>
            {report && <button type="button" className={button} onClick={duplicate}>Duplicate</button>}
            {report && <button type="button" className={`${button} text-red-700`} onClick={remove}>Delete</button>}
          </div>
        </form>
      </div>
    </div>
  );
}

function PreviewView({ preview, visualization }: { preview: Preview; visualization: string }) {
  const { chart, columns, rows, totals } = preview;
  const metricCols = columns.filter((c) => c.unit !== "dimension");
  const fmt = FORMAT[chart.unit];
  // Tremor names series by their keys: use the labels
  const labelled = chart.data.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [chart.categories.find((c) => c.key === k)?.label ?? k, v])));
  const cats = chart.categories.map((c) => c.label);
  let graphic: React.ReactNode = null;
  if (visualization === "number" || !chart.index) {
    graphic = (
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="preview-number">
        {metricCols.map((c) => (
          <div key={c.id} className="rounded-tremor-small border border-tremor-border p-3">
            <p className="text-tremor-label text-tremor-content">{c.label}</p>
            <p className="text-tremor-metric font-semibold text-tremor-content-strong">{formatValue(totals[c.id], c.unit)}</p>
          </div>
        ))}
      </div>
    );
  } else if (visualization === "line") {
    graphic = <TrendLineChart data={labelled} index={chart.index} categories={cats} format={fmt} testId="preview-chart" />;
  } else if (visualization === "area") {
    graphic = <TrendAreaChart data={labelled} index={chart.index} categories={cats} format={fmt} testId="preview-chart" />;
  } else if (visualization === "bar" || visualization === "stacked_bar") {
    graphic = <SimpleBarChart data={labelled} index={chart.index} categories={cats} format={fmt} stack={visualization === "stacked_bar"} testId="preview-chart" />;
  } else if (visualization === "donut") {
    const first = metricCols[0];
    const data = rows.map((r) => ({ name: String(r[chart.index!] ?? "(none)"), value: Number(r[first.id] ?? 0) }));
    graphic = <Donut data={data} index="name" category="value" format={fmt} centre={first.label.toLowerCase()} testId="preview-chart" />;
  }
  return (
    <div className="mt-3 space-y-4">
      {graphic}
      <TableScroll label="Report rows">
        <table className="w-full text-left text-tremor-default" data-testid="preview-table">
          <thead className="border-b border-tremor-border text-tremor-content">
            <tr>{columns.map((c) => <th key={c.id} scope="col" className={`whitespace-nowrap p-2 ${c.unit === "dimension" ? "" : "text-right"}`}>{c.label}</th>)}</tr>
          </thead>
          <tbody>
            {rows.length === 0 && <tr><td colSpan={columns.length} className="p-2 text-tremor-content">No rows in this range.</td></tr>}
            {rows.map((r, i) => (
              <tr key={i} className="border-b border-tremor-border last:border-0">
                {columns.map((c) => <td key={c.id} className={`whitespace-nowrap p-2 ${c.unit === "dimension" ? "" : "text-right tabular-nums"}`}>{formatValue(r[c.id], c.unit)}</td>)}
              </tr>
            ))}
          </tbody>
          {columns.some((c) => c.unit === "dimension") && (
            <tfoot className="border-t-2 border-tremor-border font-medium">
              <tr>
                {columns.map((c, i) => (
                  <td key={c.id} className={`whitespace-nowrap p-2 ${c.unit === "dimension" ? "" : "text-right tabular-nums"}`}>
                    {c.unit === "dimension" ? (i === 0 ? "Total" : "") : formatValue(totals[c.id], c.unit)}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      </TableScroll>
      {preview.truncated && <p className="text-tremor-label text-tremor-content">Showing the first {rows.length} rows; the totals cover all of them.</p>}
    </div>
  );
}
