// The pieces every operation of the document shares: the error object, the
// pagination fields, the rate-limit headers, the Idempotency-Key header, the
// security schemes, and `op()`, which turns one route's description (its zod
// schemas, roles, success answer) into a zod-openapi operation with the
// error answers apiHandler (lib/http/api.ts) can give.
import "zod-openapi";
import { z } from "zod";
import type { ZodOpenApiContentObject, ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponseObject } from "zod-openapi";
import type { Role } from "@/lib/auth/types";

/** An instant as ISO 8601 (`Date` objects are serialized so by JSON). */
export const timestamp = z
  .custom<Date | string>((v) => v instanceof Date || typeof v === "string")
  .meta({ override: { type: "string", format: "date-time" } });

/** Every error answer, of every route (`errorResponse` in lib/http/api.ts). */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Machine-readable: invalid_request, invalid_json, unauthorized, forbidden, not_found, rate_limited, payload_too_large, idempotency_key_reused, …", example: "invalid_request" }),
      message: z.string().meta({ description: "For people; a 400 starts with the field's name.", example: "per_page: Too big: expected number to be <=100" }),
      field: z.string().optional().meta({ description: "The refused field (dotted path for nested fields), on 400 and 413.", example: "per_page" }),
    }),
  })
  .meta({ id: "Error", description: "The one error object of the API." });

/**
 * The one pagination shape of every list endpoint (`?page=&per_page=`): these
 * four fields beside the page's items (under the list's name: users, runs,
 * emails, creators, flags). `has_more` is true when a later page has items.
 */
// Rendered without additionalProperties, so the page's schema (allOf of both) can close itself with unevaluatedProperties.
const open = { override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => void delete jsonSchema.additionalProperties };

export const pagination = z
  .object({
    page: z.number().int().min(1).meta({ description: "This page (1-based)." }),
    per_page: z.number().int().min(1).meta({ description: "Items per page asked for." }),
    total: z.number().int().min(0).meta({ description: "Items on all pages." }),
    has_more: z.boolean().meta({ description: "A later page has items (page × per_page < total)." }),
  })
  .meta({ ...open, id: "Pagination", description: "Shared by every paged list (`?page=&per_page=`): the page's items under the list's name, beside page, per_page, total and has_more." });

/** A paged list's answer: `Pagination` and the items (no other fields: unevaluatedProperties is false). */
export const paginated = <T extends z.ZodRawShape>(items: T) =>
  z.intersection(pagination, z.object(items).meta(open)).meta({ override: { unevaluatedProperties: false } });

const header = (id: string, description: string, schema: z.ZodType = z.string()) => schema.meta({ description, header: { id } });

export const rateLimitHeaders = z.object({
  "X-RateLimit-Limit": header("X-RateLimit-Limit", "Requests allowed in the current window (the nearest of the caller's limits).", z.string()),
  "X-RateLimit-Remaining": header("X-RateLimit-Remaining", "Requests left in the current window.", z.string()),
  "X-RateLimit-Reset": header("X-RateLimit-Reset", "Unix seconds when the window ends.", z.string()),
});

const retryAfter = header("Retry-After", "Seconds to wait before retrying.", z.string());
const replayed = header("Idempotent-Replayed", "`true` when this is the stored answer of an earlier request with the same Idempotency-Key.", z.string().optional());

/** The Idempotency-Key request header of the POSTs that create something (lib/http/idempotency.ts). */
export const idempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/)
  .optional()
  .meta({
    description: "Any 1–255 visible ASCII characters (use a UUID). The same key, method, path and body within 24 h answers the first answer again; another body → 409 idempotency_key_reused; still running → 409 idempotency_key_in_progress. Keys are per user.",
    param: { id: "IdempotencyKey" },
  });

export const securitySchemes = {
  bearerAuth: {
    type: "http",
    scheme: "bearer",
    description: "An API token: `POST /api/v1/auth/token` (1 hour) or a personal token from `/settings/tokens` / `POST /api/v1/tokens` (up to a year). `Authorization: Bearer <token>`.",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description: "The browser session of next-auth (`__Secure-next-auth.session-token` over HTTPS). State-changing requests with it must be same-origin JSON.",
  },
  eventsWriteKey: {
    type: "apiKey",
    in: "header",
    name: "X-Events-Write-Key",
    description: "Server-to-server event senders only (`POST /api/v1/events`): `EVENTS_WRITE_KEY` or a key from `POST /api/v1/admin/event-keys`.",
  },
  eventsBasic: {
    type: "http",
    scheme: "basic",
    description: "A write key as the HTTP Basic user name, empty password — as Segment's SDKs send it (the Segment intake, and `POST /api/v1/events`).",
  },
} as const;

const USER_AUTH: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid parameter or body; `error.field` names it.",
  401: "Missing, invalid or expired token (or no session).",
  403: "Signed in, but the role may not do this (or a cookie request that is not same-origin JSON).",
  404: "No such resource, or not yours.",
  409: "Conflict (an Idempotency-Key reused with another body or still in progress, or the state forbids it).",
  410: "Gone: the file was deleted or the link expired.",
  413: "Request body too large (16 KB unless stated).",
  429: "Over the rate limit; wait `Retry-After` seconds.",
  501: "Not implemented for these parameters.",
};

export function errorAnswer(status: number, description = ERROR_TEXT[status], withRateHeaders = true): ZodOpenApiResponseObject {
  const headers = status === 429 ? rateLimitHeaders.extend({ "Retry-After": retryAfter }) : rateLimitHeaders;
  return {
    description: description ?? "Error",
    ...(withRateHeaders ? { headers } : status === 429 ? { headers: z.object({ "Retry-After": retryAfter }) } : {}),
    content: { "application/json": { schema: errorBody } },
  };
}

/** The shared error answers, registered once as components (`#/components/responses/Error400` …). */
const SHARED_ERRORS: Record<number, ZodOpenApiResponseObject> = Object.fromEntries(
  Object.keys(ERROR_TEXT).map((st) => [Number(st), { ...errorAnswer(Number(st)), id: `Error${st}` }]),
);

export type Success = {
  status: 200 | 201 | 202 | 204 | 303;
  description: string;
  /** JSON answer; omit for 204/303 */
  schema?: z.ZodType;
  /** Other content types (file downloads): content type → description. */
  files?: Record<string, string>;
  headers?: z.ZodObject;
};

export type OpSpec = {
  /** operationId: the method's name in generated clients */
  id: string;
  tag: string;
  summary: string;
  description?: string;
  /** who may call: any signed-in user, these roles, or no authentication */
  auth: "user" | Role[] | "none";
  query?: z.ZodType;
  params?: z.ZodType;
  body?: z.ZodType;
  idempotent?: boolean;
  ok: Success | Success[];
  /** extra error statuses beyond what the options imply */
  errors?: number[];
  /** statuses answered by a short HTML page instead of the error object (file downloads): status → why */
  htmlErrors?: Record<number, string>;
  /** `errors` is the whole list: nothing is implied by the options */
  exactErrors?: boolean;
  /** false for the routes outside apiHandler (no X-RateLimit-* headers) */
  rateHeaders?: boolean;
  security?: ZodOpenApiOperationObject["security"];
};

/** One operation of the document, with the error answers its apiHandler options imply. */
export function op(s: OpSpec, method: Method): ZodOpenApiOperationObject {
  const rate = s.rateHeaders !== false;
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const ok of Array.isArray(s.ok) ? s.ok : [s.ok]) {
    const headers = rate ? (ok.headers ? rateLimitHeaders.extend(ok.headers.shape) : rateLimitHeaders) : ok.headers;
    const content: ZodOpenApiContentObject = {};
    if (ok.schema) content["application/json"] = { schema: ok.schema };
    for (const [type, description] of Object.entries(ok.files ?? {})) content[type] = { schema: { type: "string", format: "binary", description } };
    responses[String(ok.status)] = {
      description: ok.description,
      ...(headers ? { headers: s.idempotent ? headers.extend({ "Idempotent-Replayed": replayed }) : headers } : {}),
      ...(Object.keys(content).length ? { content } : {}),
    };
  }
  const statuses = new Set<number>(s.errors ?? []);
  if (!s.exactErrors) {
    if (s.query || s.params || s.body) statuses.add(400);
    if (s.auth !== "none") statuses.add(401);
    // roles, or a state-changing request with the session cookie that is not same-origin JSON
    if (Array.isArray(s.auth) || (method !== "get" && s.auth !== "none")) statuses.add(403);
    if (s.params) statuses.add(404);
    if (s.idempotent) statuses.add(409);
    if (s.body) statuses.add(413);
    if (rate) statuses.add(429);
  }
  const html = Object.entries(s.htmlErrors ?? {});
  for (const [st] of html) statuses.delete(Number(st));
  for (const st of [...statuses].sort()) responses[String(st)] = rate ? SHARED_ERRORS[st] : errorAnswer(st, undefined, false);
  for (const [st, why] of html) responses[st] = { description: `${why} (a short HTML page saying so)`, content: { "text/html": { schema: { type: "string" } } } };
  const roles = Array.isArray(s.auth) ? s.auth : null;
  return {
    operationId: s.id,
    tags: [s.tag],
    summary: s.summary,
    description: [s.description, roles ? `Roles: ${roles.join(", ")}.` : null].filter(Boolean).join("\n\n") || undefined,
    ...(s.security ? { security: s.security } : s.auth === "none" ? { security: [] } : { security: USER_AUTH }),
    ...(roles ? { "x-roles": roles } : {}),
    ...(s.idempotent ? { "x-idempotent": true } : {}),
    requestParams: {
      ...(s.query ? { query: s.query as never } : {}),
      ...(s.params ? { path: s.params as never } : {}),
      ...(s.idempotent ? { header: z.object({ "Idempotency-Key": idempotencyKey }) } : {}),
    },
    ...(s.body ? { requestBody: { required: true, content: { "application/json": { schema: s.body } } } } : {}),
    responses,
  };
}


type Method = "get" | "post" | "put" | "patch" | "delete";

/** A feature's paths: `{ "/api/v1/…/{id}": { get: OpSpec, … } }` → zod-openapi paths. */
export function routes(specs: Record<string, Partial<Record<Method, OpSpec>>>): ZodOpenApiPathsObject {
  return Object.fromEntries(
    Object.entries(specs).map(([path, methods]) => [path, Object.fromEntries(Object.entries(methods).map(([m, spec]) => [m, op(spec!, m as Method)]))]),
  );
}
