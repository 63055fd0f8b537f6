// Page requests (and the route handlers outside apiHandler: /api/auth,
// /api/inngest, /api/health…) are recorded from Next.js's own request span:
// Next resolves the route template (`/admin/creator-levels/[levelId]`) and
// the status, and reports them on its "BaseServer.handleRequest" span when
// OpenTelemetry is enabled. This installs a minimal tracer (no exporter,
// spans are plain objects dropped at their end) whose only job is to read
// that span when it ends. /api/v1 is recorded by apiHandler itself.
import { AsyncLocalStorage } from "node:async_hooks";
import {
  context, ROOT_CONTEXT, trace, TraceFlags,
  type Attributes, type Context, type ContextManager, type Span, type SpanContext, type SpanOptions, type Tracer, type TracerProvider,
} from "@opentelemetry/api";
import { recordRequest } from "./recorder";

const ROOT_SPAN = "BaseServer.handleRequest";

class RequestSpan implements Span {
  attributes: Attributes;
  ended = false;
  private started = performance.now();
  private ctx: SpanContext;
  /** The request's handleRequest span (itself when it is the root). */
  root: RequestSpan | null;
  /** Set by onRequestError: the request failed even if its status says otherwise (an error after streaming began). */
  failed = false;

  constructor(private name: string, options: SpanOptions | undefined, parent: Span | undefined) {
    this.attributes = { ...options?.attributes };
    const parentCtx = parent?.spanContext();
    this.ctx = { traceId: parentCtx?.traceId ?? randomHex(32), spanId: randomHex(16), traceFlags: TraceFlags.NONE };
    this.root = this.attributes["next.span_type"] === ROOT_SPAN ? this : parent instanceof RequestSpan ? parent.root : null;
  }
  spanContext() { return this.ctx; }
  setAttribute(key: string, value: Attributes[string]) { if (!this.ended) this.attributes[key] = value; return this; }
  setAttributes(a: Attributes) { if (!this.ended) Object.assign(this.attributes, a); return this; }
  addEvent() { return this; }
  addLink() { return this; }
  addLinks() { return this; }
  setStatus() { return this; }
  updateName(name: string) { this.name = name; return this; }
  isRecording() { return !this.ended; }
  recordException() {}
  end() {
    if (this.ended) return;
    this.ended = true;
    if (this.root === this) finished(this, performance.now() - this.started);
  }
}

function finished(span: RequestSpan, ms: number) {
  const a = span.attributes;
  const target = String(a["http.target"] ?? "");
  if (target.startsWith("/_next/") || target.startsWith("/favicon")) return; // static files
  const route = typeof a["next.route"] === "string" ? a["next.route"] : "(no route)";
  if (route.startsWith("/api/v1/")) return; // recorded by apiHandler
  const status = Number(a["http.status_code"] ?? 0) || 200;
  recordRequest(route, String(a["http.method"] ?? "GET"), span.failed && status < 500 ? 500 : status, ms);
}

const tracer: Tracer = {
  startSpan(name: string, options?: SpanOptions, ctx: Context = context.active()) {
    return new RequestSpan(name, options, trace.getSpan(ctx));
  },
  startActiveSpan(name: string, ...rest: unknown[]) {
    const fn = rest[rest.length - 1] as (span: Span) => unknown;
    const options = (rest.length > 1 ? rest[0] : undefined) as SpanOptions | undefined;
    const parent = (rest.length > 2 ? rest[1] : context.active()) as Context;
    const span = tracer.startSpan(name, options, parent);
    return context.with(trace.setSpan(parent, span), fn, undefined, span);
  },
} as Tracer;

class Provider implements TracerProvider {
  getTracer() { return tracer; }
}

/** Context propagation over AsyncLocalStorage (what @opentelemetry/context-async-hooks does). */
class AlsContextManager implements ContextManager {
  private als = new AsyncLocalStorage<Context>();
  active() { return this.als.getStore() ?? ROOT_CONTEXT; }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.als.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== "function") return target;
    const self = this;
    return function (this: unknown, ...args: unknown[]) { return self.with(ctx, () => target.apply(this, args)); } as T;
  }
  enable() { return this; }
  disable() { this.als.disable(); return this; }
}

function randomHex(n: number) {
  let s = "";
  while (s.length < n) s += Math.floor(Math.random() * 2 ** 32).toString(16).padStart(8, "0");
  return s.slice(0, n);
}

/** Installs the tracer once per process; false when another OpenTelemetry setup owns the globals. */
export function installPageTracing(): boolean {
  const g = globalThis as { __healthTracing?: boolean };
  if (g.__healthTracing) return true;
  const ok = context.setGlobalContextManager(new AlsContextManager()) && trace.setGlobalTracerProvider(new Provider());
  g.__healthTracing = ok;
  if (!ok) console.warn("[health] another OpenTelemetry provider is registered: page requests are not recorded");
  return ok;
}

/** onRequestError: marks the request as failed (counted 5xx even when headers already said 200). */
export function markRequestFailed(): boolean {
  const span = trace.getActiveSpan();
  const root = span instanceof RequestSpan ? span.root : null;
  if (!root || root.ended) return false;
  root.failed = true;
  return true;
}
