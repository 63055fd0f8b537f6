// Webhooks (issue 13): endpoints, the create form (secret shown once), and an
// endpoint's deliveries with every attempt. Reads call the same lib functions
// as /api/v1/admin/webhooks; the buttons call that API.
import { Card } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { QueryNotice } from "@/components/query-notice";
import { TableScroll } from "@/components/table-scroll";
import { CreateWebhookForm, RefreshWhileWaiting, ReplayButton, WebhookActions } from "@/components/webhooks-manager";
import { keep, pageBeyondEnd, pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { ApiError } from "@/lib/http/api";
import { BACKOFF_MINUTES, DISABLE_AFTER_HOURS } from "@/lib/webhooks/deliver";
import { listDeliveries, listWebhooks, type DeliveryView, type WebhookView } from "@/lib/webhooks/endpoints";
import { webhooksPageQuery } from "@/lib/validation/webhooks";

export const metadata: Metadata = { title: "Webhooks" };

const STATUS_STYLE: Record<string, string> = {
  succeeded: "bg-emerald-50 text-emerald-800 border-emerald-200",
  pending: "bg-gray-50 text-gray-700 border-gray-200",
  retrying: "bg-amber-50 text-amber-900 border-amber-200",
  failed: "bg-red-50 text-red-800 border-red-200",
};

function Badge({ status }: { status: string }) {
  return <span className={`inline-block rounded-full border px-2 text-tremor-label ${STATUS_STYLE[status] ?? ""}`}>{status}</span>;
}

function EndpointStatus({ w, tz }: { w: WebhookView; tz: string }) {
  if (!w.enabled) {
    return (
      <span className="text-red-800" data-testid="webhook-status">
        Disabled{w.disabled_reason ? `: ${w.disabled_reason}` : ""}
      </span>
    );
  }
  if (w.failing_since) return <span className="text-amber-900" data-testid="webhook-status">Enabled, failing since {formatDateTime(w.failing_since, tz)}</span>;
  return <span className="text-emerald-800" data-testid="webhook-status">Enabled</span>;
}

function Attempts({ d, tz }: { d: DeliveryView; tz: string }) {
  if (!d.attempts.length) return <span className="text-tremor-content">none yet</span>;
  return (
    <details>
      <summary className="cursor-pointer text-tremor-brand">{d.attempts.length} attempt{d.attempts.length === 1 ? "" : "s"}</summary>
      <ol className="mt-2 space-y-2" data-testid="delivery-attempts">
        {d.attempts.map((a) => (
          <li key={`${a.attempt}-${a.at}`} className="rounded-tremor-small border border-tremor-border p-2">
            <p>
              #{a.attempt} · {formatDateTime(a.at, tz)} · {a.succeeded ? <span className="text-emerald-800">succeeded</span> : <span className="text-red-800">failed</span>}
              {" · "}{a.status_code != null ? `HTTP ${a.status_code}` : "no answer"}{a.latency_ms != null ? ` · ${a.latency_ms.toLocaleString("en-US")} ms` : ""}
            </p>
            {a.error && <p className="text-red-800">{a.error}</p>}
            {a.response_excerpt && <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-tremor-background-subtle p-2 text-xs">{a.response_excerpt}</pre>}
          </li>
        ))}
      </ol>
    </details>
  );
}

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireRole(["admin"], "/admin/webhooks");
  const tz = viewer.timeZone;
  const { query, problems } = pageQuery(webhooksPageQuery, await searchParams);
  const { webhooks } = await listWebhooks(prisma);
  const open = query.endpoint ? webhooks.find((w) => w.id === query.endpoint) ?? null : null;
  if (query.endpoint && !open) problems.push({ field: "endpoint", value: query.endpoint, message: "is not a webhook endpoint" });
  let deliveries: Awaited<ReturnType<typeof listDeliveries>> | null = null;
  if (open) {
    deliveries = await listDeliveries(prisma, open.id, query).catch((err) => {
      if (err instanceof ApiError && err.status === 404) return null; // deleted meanwhile
      throw err;
    });
    const beyond = deliveries && pageBeyondEnd(query.page, query.per_page, deliveries.total);
    if (beyond) {
      problems.push(beyond.problem);
      deliveries = await listDeliveries(prisma, open.id, { ...query, page: beyond.page });
    }
  }
  const showing = (p: { field: string }) => (p.field === "endpoint" ? "the list" : p.field === "per_page" ? "20 per page" : `page ${deliveries?.page ?? 1}`);
  const waiting = !!deliveries?.deliveries.some((d) => d.status === "pending" || d.status === "retrying");

  return (
    <section data-testid="admin-webhooks" className="space-y-6">
      <PageHeader
        title="Webhooks"
        subtitle={<>Signed POSTs to your endpoints when work finishes or an alert changes (README “Webhooks”). Failed deliveries are retried after {BACKOFF_MINUTES.map((m) => (m < 60 ? `${m} min` : `${m / 60} h`)).join(", ")}; an endpoint failing for {DISABLE_AFTER_HOURS} hours is disabled and its owner emailed. Times in {tz}.</>}
      />
      <QueryNotice problems={problems} showing={showing} />
      <CreateWebhookForm />

      <Card className="p-0">
        <h2 className="p-4 pb-0 text-tremor-title font-semibold text-tremor-content-strong">Endpoints</h2>
        <TableScroll label="Webhook endpoints">
          <table className="w-full text-left text-tremor-default" data-testid="webhooks-table">
            <thead className="border-b border-tremor-border text-tremor-content">
              <tr><th className="p-3">URL</th><th className="p-3">Status</th><th className="p-3">Events</th><th className="p-3">Secret</th><th className="p-3">Created</th><th className="p-3">Actions</th></tr>
            </thead>
            <tbody>
              {webhooks.length === 0 && <tr><td colSpan={6} className="p-3 text-tremor-content">No endpoints yet.</td></tr>}
              {webhooks.map((w) => (
                <tr key={w.id} data-testid="webhook-row" aria-current={w.id === open?.id ? "true" : undefined}
                  className={`border-b border-tremor-border align-top last:border-0 ${w.id === open?.id ? "bg-tremor-brand-faint" : ""}`}>
                  <td className="min-w-[14rem] max-w-[24rem] break-all p-3">
                    <Link href={`/admin/webhooks${keep({ endpoint: w.id })}`} className="text-tremor-brand hover:underline">{w.url}</Link>
                  </td>
                  <td className="min-w-[10rem] p-3"><EndpointStatus w={w} tz={tz} /></td>
                  <td className="min-w-[12rem] p-3"><ul>{w.events.map((e) => <li key={e}><code className="text-xs">{e}</code></li>)}</ul></td>
                  <td className="whitespace-nowrap p-3 font-mono text-xs">{w.secret_prefix}…</td>
                  <td className="whitespace-nowrap p-3">{formatDateTime(w.created_at, tz)}</td>
                  <td className="min-w-[16rem] p-3"><WebhookActions id={w.id} enabled={w.enabled} url={w.url} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Card>

      {open && deliveries && (
        <Card className="p-0" data-testid="webhook-deliveries">
          <div className="flex flex-wrap items-center justify-between gap-2 p-4 pb-0">
            <h2 className="break-all text-tremor-title font-semibold text-tremor-content-strong">Deliveries to {open.url}</h2>
            <Link href="/admin/webhooks" className="text-tremor-default text-tremor-brand hover:underline">Close</Link>
          </div>
          <RefreshWhileWaiting waiting={waiting} />
          <TableScroll label="Deliveries">
            <table className="w-full text-left text-tremor-default" data-testid="deliveries-table">
              <thead className="border-b border-tremor-border text-tremor-content">
                <tr><th className="p-3">Event</th><th className="p-3">Status</th><th className="p-3">Created</th><th className="p-3">Next attempt</th><th className="p-3">Attempts</th><th className="p-3" /></tr>
              </thead>
              <tbody>
                {deliveries.deliveries.length === 0 && <tr><td colSpan={6} className="p-3 text-tremor-content">No deliveries yet. “Send test” queues one.</td></tr>}
                {deliveries.deliveries.map((d) => (
                  <tr key={d.id} data-testid="delivery-row" className="border-b border-tremor-border align-top last:border-0">
                    <td className="min-w-[11rem] p-3"><code className="text-xs">{d.type}</code><br /><span className="font-mono text-xs text-tremor-content">{d.event_id}</span></td>
                    <td className="p-3" data-testid="delivery-status"><Badge status={d.status} /></td>
                    <td className="whitespace-nowrap p-3">{formatDateTime(d.created_at, tz)}</td>
                    <td className="whitespace-nowrap p-3">{d.next_attempt_at ? formatDateTime(d.next_attempt_at, tz) : "—"}</td>
                    <td className="min-w-[16rem] max-w-[32rem] p-3"><Attempts d={d} tz={tz} /></td>
                    <td className="p-3"><ReplayButton endpointId={open.id} deliveryId={d.id} disabled={!open.enabled} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <div className="px-4">
            <Pagination page={deliveries.page} perPage={deliveries.per_page} total={deliveries.total} basePath="/admin/webhooks"
              params={{ endpoint: open.id, per_page: query.per_page !== 20 ? String(query.per_page) : undefined }} />
          </div>
        </Card>
      )}
    </section>
  );
}
