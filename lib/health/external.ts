// External services: each has a health URL set by an environment variable;
// without one it is "not configured" (never shown as down). A job probes the
// configured ones every minute and records each answer in external_checks.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";

export const SERVICES = [
  { name: "stripe", label: "Stripe", env: "HEALTH_PROBE_STRIPE_URL" },
  { name: "transcription", label: "Transcription service", env: "HEALTH_PROBE_TRANSCRIPTION_URL" },
  { name: "resend", label: "Resend", env: "HEALTH_PROBE_RESEND_URL" },
  { name: "inngest", label: "Inngest", env: "HEALTH_PROBE_INNGEST_URL" },
  { name: "mixpanel", label: "Mixpanel", env: "HEALTH_PROBE_MIXPANEL_URL" },
  { name: "amplitude", label: "Amplitude", env: "HEALTH_PROBE_AMPLITUDE_URL" },
] as const;

export const PROBE_TIMEOUT_MS = 5_000;

const probeUrl = (s: (typeof SERVICES)[number], env: NodeJS.ProcessEnv) => env[s.env]?.trim() || null;

/** Probes every configured service once (in parallel) and records the answers. */
export async function probeExternalServices(db: Db, env: NodeJS.ProcessEnv = process.env) {
  const configured = SERVICES.filter((s) => probeUrl(s, env));
  const results = await Promise.all(
    configured.map(async (s) => {
      const started = performance.now();
      try {
        const res = await fetch(probeUrl(s, env)!, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), redirect: "follow" });
        await res.arrayBuffer().catch(() => undefined);
        const ok = res.status >= 200 && res.status < 400;
        return { service: s.name, ok, latencyMs: performance.now() - started, statusCode: res.status, error: ok ? null : `HTTP ${res.status}` };
      } catch (err) {
        return { service: s.name, ok: false, latencyMs: null, statusCode: null, error: (err as Error).message.slice(0, 300) };
      }
    }),
  );
  if (results.length) await db.externalCheck.createMany({ data: results });
  // A week of checks is kept.
  await db.$executeRaw(Prisma.sql`DELETE FROM external_checks WHERE checked_at < now() - interval '7 days'`);
  return { probed: results.length, down: results.filter((r) => !r.ok).map((r) => r.service) };
}

export type ServiceStatus = {
  name: string; label: string; configured: boolean; status: "not_configured" | "unknown" | "up" | "down";
  last_check_at: string | null; last_success_at: string | null; last_error_at: string | null; last_error: string | null; latency_ms: number | null;
};

export async function externalPanel(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<ServiceStatus[]> {
  const rows = await db.$queryRaw<{ service: string; last_at: Date | null; ok: boolean | null; latency_ms: number | null; last_success: Date | null; last_error_at: Date | null; last_error: string | null }[]>(Prisma.sql`
    SELECT s.service, l.checked_at AS last_at, l.ok, l.latency_ms,
           (SELECT max(checked_at) FROM external_checks WHERE service = s.service AND ok) AS last_success,
           e.checked_at AS last_error_at, e.error AS last_error
    FROM unnest(${SERVICES.map((s) => s.name)}::text[]) AS s(service)
    LEFT JOIN LATERAL (SELECT checked_at, ok, latency_ms FROM external_checks WHERE service = s.service ORDER BY checked_at DESC LIMIT 1) l ON true
    LEFT JOIN LATERAL (SELECT checked_at, error FROM external_checks WHERE service = s.service AND NOT ok ORDER BY checked_at DESC LIMIT 1) e ON true`);
  const byName = new Map(rows.map((r) => [r.service, r]));
  return SERVICES.map((s) => {
    const r = byName.get(s.name);
    const configured = !!probeUrl(s, env);
    return {
      name: s.name, label: s.label, configured,
      status: !configured ? "not_configured" : r?.last_at == null ? "unknown" : r.ok ? "up" : "down",
      last_check_at: r?.last_at?.toISOString() ?? null,
      last_success_at: r?.last_success?.toISOString() ?? null,
      last_error_at: r?.last_error_at?.toISOString() ?? null,
      last_error: r?.last_error ?? null,
      latency_ms: r?.latency_ms == null ? null : Math.round(r.latency_ms),
    };
  });
}
