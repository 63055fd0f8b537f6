// The Prometheus side of recording: a per-instance histogram of request
// durations by route template, method and status class (Prometheus adds up
// histograms across instances; summaries it cannot), plus process metrics.
// Served at GET /api/metrics with the queue gauges read at scrape time.
import client from "prom-client";

type PromState = { registry: client.Registry; requests: client.Histogram<"route" | "method" | "status_class"> };
const g = globalThis as { __healthProm?: PromState };

export function promState(): PromState {
  if (!g.__healthProm) {
    const registry = new client.Registry();
    client.collectDefaultMetrics({ register: registry });
    const requests = new client.Histogram({
      name: "http_server_request_duration_seconds",
      help: "Server-side duration of requests by route template, method and status class",
      labelNames: ["route", "method", "status_class"] as const,
      // OpenTelemetry's advised HTTP boundaries, refined below 100 ms.
      buckets: [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
      registers: [registry],
    });
    g.__healthProm = { registry, requests };
  }
  return g.__healthProm;
}

export function observePrometheus(route: string, method: string, status: number, ms: number) {
  promState().requests.observe({ route, method, status_class: `${Math.floor(status / 100)}xx` }, ms / 1000);
}
