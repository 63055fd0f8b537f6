// Every /api/v1 route handler is one call: auth → CSRF → role → zod parse → handler.
// Errors are JSON: {"error":{"code","message","field?"}} with 400/401/403/404/413.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { requestClientAddress } from "@/lib/auth/client-address";
import { authenticateRequest } from "@/lib/auth/session";
import type { AuthUser, Role } from "@/lib/auth/types";
import { readBodyLimited, BodyTooLargeError, DEFAULT_BODY_LIMIT_BYTES } from "./body";
import { crossSiteProblem } from "./csrf";
import { claimIdempotencyKey, type IdempotentClaim } from "./idempotency";
import { RateMeter } from "./rate-limit";
import { recordRequest } from "@/lib/health/recorder";
import { routeTemplate } from "@/lib/health/route-template";

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public field?: string) {
    super(message);
  }
}

export function errorResponse(status: number, code: string, message: string, field?: string, headers?: HeadersInit) {
  return NextResponse.json({ error: { code, message, ...(field ? { field } : {}) } }, { status, headers });
}

function zodError(err: z.ZodError, where: "query" | "body" | "params") {
  const issue = err.issues[0];
  const field = issue.path.length ? issue.path.join(".") : where;
  return errorResponse(400, "invalid_request", `${field}: ${issue.message}`, field);
}

type Ctx<Q, B, P> = { req: NextRequest; user: AuthUser; via: "bearer" | "session" | null; query: Q; body: B; params: P };
type Options<Q, B, P> = {
  roles?: Role[];
  /** false: no authentication (e.g. the token endpoint) */
  auth?: boolean;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  params?: z.ZodType<P>;
  /** Largest request body accepted, in bytes (default 16 KB); larger → 413 before parsing. */
  maxBodyBytes?: number;
  /** Honour an Idempotency-Key header (POSTs that create something; see lib/http/idempotency.ts). */
  idempotent?: boolean;
};

export function apiHandler<Q = undefined, B = undefined, P = undefined>(
  opts: Options<Q, B, P>,
  handler: (ctx: Ctx<Q, B, P>) => Promise<Response | unknown>,
) {
  const limit = opts.maxBodyBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  // Rate limit: every answer carries X-RateLimit-*, over the limit → 429 (lib/http/rate-limit.ts).
  // System health (lib/health): every answer is recorded under its route template, status and duration.
  return async (req: NextRequest, route?: { params?: Promise<Record<string, string>> }) => {
    const started = performance.now();
    const meter = new RateMeter(req);
    const res = await meter.stamp(await run(req, route, meter));
    const ms = performance.now() - started;
    const params = await route?.params?.catch(() => undefined);
    recordRequest(routeTemplate(req.nextUrl.pathname, params), req.method, res.status, ms);
    return res;
  };

  async function run(req: NextRequest, route: { params?: Promise<Record<string, string>> } | undefined, meter: RateMeter) {
    let idem: IdempotentClaim | null = null;
    try {
      // Refused on the declared size before anything else is done with the request.
      const declared = Number(req.headers.get("content-length") ?? 0);
      if (declared > limit) return tooLarge(limit);
      let user = null as AuthUser | null;
      let via: Ctx<Q, B, P>["via"] = null;
      if (opts.auth !== false) {
        const auth = await authenticateRequest(req);
        if (!auth.user) {
          return errorResponse(401, "unauthorized", auth.badToken ? "invalid or expired token" : "authentication required", undefined, {
            "WWW-Authenticate": 'Bearer realm="api"',
          });
        }
        user = auth.user;
        via = auth.via;
        // A browser sends the cookie with cross-site requests too; only same-origin JSON may change state with it.
        if (via === "session") {
          const problem = crossSiteProblem(req);
          if (problem) return errorResponse(403, "cross_site_request", problem);
        }
        if (opts.roles && !opts.roles.includes(user.role)) {
          return errorResponse(403, "forbidden", `requires role ${opts.roles.join(" or ")}`);
        }
      }
      const limited = await meter.take(user, via);
      if (limited) return limited;
      let query = undefined as Q;
      if (opts.query) {
        const parsed = opts.query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
        if (!parsed.success) return zodError(parsed.error, "query");
        query = parsed.data;
      }
      let params = undefined as P;
      if (opts.params) {
        const parsed = opts.params.safeParse((await route?.params) ?? {});
        if (!parsed.success) return zodError(parsed.error, "params");
        params = parsed.data;
      }
      let body = undefined as B;
      let raw: unknown;
      if (opts.body) {
        const text = await readBodyOr413(req, limit);
        if (text instanceof Response) return text;
        try {
          raw = JSON.parse(text);
        } catch {
          return errorResponse(400, "invalid_json", "body: request body must be valid JSON", "body");
        }
        const parsed = opts.body.safeParse(raw);
        if (!parsed.success) return zodError(parsed.error, "body");
        body = parsed.data;
      }
      if (opts.idempotent && user) {
        const claim = await claimIdempotencyKey(req, user.id, raw, errorResponse);
        if (claim instanceof Response) return claim;
        idem = claim;
      }
      const out = await handler({ req, user: user as AuthUser, via, query, body, params });
      const res = out instanceof Response ? out : NextResponse.json(out);
      return idem ? await idem.finish(res) : res;
    } catch (err) {
      await idem?.abandon().catch(() => undefined);
      if (err instanceof ApiError) return errorResponse(err.status, err.code, err.message, err.field);
      console.error(err);
      return errorResponse(500, "internal_error", "internal server error");
    }
  }
}

/** 413; the rest of the body is never read, so the connection is not reused for another request. */
export function tooLarge(limit: number) {
  return errorResponse(413, "payload_too_large", `body: request body must be at most ${limit} bytes`, "body", { connection: "close" });
}

/** The body as text, or the 413 response when it is over `limit` (declared by Content-Length or as it streams in). */
export async function readBodyOr413(req: Request, limit: number): Promise<string | Response> {
  if (Number(req.headers.get("content-length") ?? 0) > limit) return tooLarge(limit);
  try {
    return await readBodyLimited(req, limit);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return tooLarge(limit);
    throw err;
  }
}

/** The client address for sign-in rate limiting (trusted proxies only, see lib/auth/client-address.ts). */
export function clientIp(req: NextRequest): string | null {
  return requestClientAddress((name) => req.headers.get(name));
}
