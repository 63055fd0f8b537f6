// /docs/api — the API reference, rendered on the server from the same
// OpenAPI document GET /api/v1/openapi.json serves. Public (outside the
// signed-in app shell). Grouped by tag; every operation has an anchor.
import type { Metadata } from "next";
import { Operation, SchemaView, deref, MethodBadge } from "@/components/api-docs";
import { openApiDocument, TAGS } from "@/lib/openapi/document";

export const metadata: Metadata = { title: "API reference" };

type Doc = Record<string, any>;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function operations(doc: Doc) {
  const out: { tag: string; method: string; path: string; op: Doc }[] = [];
  for (const [path, item] of Object.entries<Doc>(doc.paths ?? {})) {
    for (const method of METHODS) if (item[method]) out.push({ tag: item[method].tags?.[0] ?? "Other", method, path, op: item[method] });
  }
  return out;
}

/** Operations whose success answer is a paged list (allOf with Pagination). */
function pagedOperations(doc: Doc, ops: ReturnType<typeof operations>) {
  return ops.filter(({ op }) => {
    const ok = deref<Doc>(doc, op.responses?.["200"] ?? {});
    const s = ok.content?.["application/json"]?.schema;
    const hasPagination = (x: Doc | undefined): boolean =>
      !!x && (x.allOf?.some((p: Doc) => p.$ref === "#/components/schemas/Pagination") || Object.values<Doc>(x.properties ?? {}).some(hasPagination));
    return hasPagination(s);
  });
}

const Code = ({ children }: { children: string }) => (
  <pre className="mt-2 overflow-x-auto rounded bg-gray-900 p-3 text-xs leading-relaxed text-gray-100"><code>{children}</code></pre>
);

export default function ApiDocsPage() {
  const doc = openApiDocument() as Doc;
  const ops = operations(doc);
  const paged = pagedOperations(doc, ops);
  const tags = TAGS.filter((t) => ops.some((o) => o.tag === t.name));
  const slug = (s: string) => "tag-" + s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only z-50 rounded bg-white px-3 py-2 shadow focus:not-sr-only focus:fixed focus:left-2 focus:top-2">Skip to content</a>
      <header className="border-b border-tremor-border bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
          <span className="font-semibold">Marketplace Analytics</span>
          <span className="text-tremor-content">API reference</span>
          <a href="/api/v1/openapi.json" className="ml-auto text-sm text-tremor-brand-emphasis hover:underline">openapi.json</a>
          <a href="/sign-in" className="text-sm text-tremor-brand-emphasis hover:underline">Sign in</a>
        </div>
      </header>
      <div className="mx-auto max-w-6xl gap-6 px-4 py-6 lg:grid lg:grid-cols-[14rem_1fr]">
        <nav aria-label="API contents" className="mb-6 text-sm lg:sticky lg:top-4 lg:mb-0 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto">
          <details open className="rounded-lg border border-tremor-border bg-white p-3 lg:border-0 lg:bg-transparent lg:p-0">
            <summary className="cursor-pointer font-semibold">Contents</summary>
            <ul className="mt-2 space-y-1">
              {["Authentication", "Errors", "Pagination", "Idempotency", "Rate limits", "Generate a client"].map((s) => (
                <li key={s}><a className="text-tremor-brand-emphasis hover:underline" href={`#${s.toLowerCase().replace(/ /g, "-")}`}>{s}</a></li>
              ))}
              {tags.map((t) => (
                <li key={t.name} className="pt-1">
                  <a className="font-medium text-tremor-brand-emphasis hover:underline" href={`#${slug(t.name)}`}>{t.name}</a>
                  <ul className="ml-2 mt-1 space-y-0.5">
                    {ops.filter((o) => o.tag === t.name).map((o) => (
                      <li key={o.op.operationId} className="break-all">
                        <a className="hover:underline" href={`#${o.op.operationId}`}><span className="font-mono text-xs uppercase text-tremor-content">{o.method}</span> {o.path.replace("/api/v1", "")}</a>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </details>
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 space-y-8 focus:outline-none">
          <section aria-labelledby="intro">
            <h1 id="intro" className="text-2xl font-semibold">{doc.info.title}</h1>
            <p className="mt-2 text-tremor-content">
              OpenAPI {doc.openapi}, version {doc.info.version}: {ops.length} operations. The raw document is at{" "}
              <a className="text-tremor-brand-emphasis hover:underline" href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a>; this page is rendered from it.
            </p>
          </section>

          <section id="authentication" aria-labelledby="authentication-h" className="scroll-mt-4">
            <h2 id="authentication-h" className="text-xl font-semibold">Authentication</h2>
            <ul className="mt-2 space-y-2 text-sm">
              {Object.entries<Doc>(doc.components?.securitySchemes ?? {}).map(([name, s]) => (
                <li key={name}><strong>{name}</strong> ({s.type === "http" ? `HTTP ${s.scheme}` : `${s.in} ${s.name}`}): {s.description}</li>
              ))}
            </ul>
            <Code>{`TOKEN=$(curl -s $HOST/api/v1/auth/token -H 'content-type: application/json' \\
  -d '{"email":"admin@example.com","password":"demo-password"}' | jq -r .token)
curl -s $HOST/api/v1/me -H "Authorization: Bearer $TOKEN"`}</Code>
          </section>

          <section id="errors" aria-labelledby="errors-h" className="scroll-mt-4">
            <h2 id="errors-h" className="text-xl font-semibold">Errors</h2>
            <p className="mt-2 text-sm text-tremor-content">Every error is one JSON object. 400 names the refused field; 401 missing, invalid or expired token; 403 wrong role (or a cookie request that is not same-origin JSON); 404 not yours or missing; 409 an Idempotency-Key conflict; 413 body too large; 429 over a rate limit.</p>
            <div className="mt-2 rounded-lg border border-tremor-border bg-white p-3"><SchemaView doc={doc} schema={{ $ref: "#/components/schemas/Error" }} /></div>
            <Code>{`HTTP/1.1 400 Bad Request
{"error":{"code":"invalid_request","message":"per_page: Too big: expected number to be <=100","field":"per_page"}}`}</Code>
          </section>

          <section id="pagination" aria-labelledby="pagination-h" className="scroll-mt-4">
            <h2 id="pagination-h" className="text-xl font-semibold">Pagination</h2>
            <p className="mt-2 text-sm text-tremor-content">
              Every paged list takes <code>?page=</code> (from 1) and <code>?per_page=</code> and answers the page&apos;s items under the list&apos;s name beside these four fields (the <code>Pagination</code> schema). Ask for the next page while <code>has_more</code> is true. Feeds that take <code>limit</code> (activity, event tail, job runs) answer the newest items only; small complete lists (tokens, write keys, alert rules, saved reports) are not paged.
            </p>
            <div className="mt-2 rounded-lg border border-tremor-border bg-white p-3"><SchemaView doc={doc} schema={{ $ref: "#/components/schemas/Pagination" }} /></div>
            <p className="mt-2 text-sm">Paged lists:</p>
            <ul className="mt-1 space-y-0.5 text-sm">
              {paged.map((o) => (
                <li key={o.op.operationId} className="break-all"><a className="hover:underline" href={`#${o.op.operationId}`}><MethodBadge method={o.method} /> <code>{o.path}</code></a></li>
              ))}
            </ul>
            <Code>{`GET /api/v1/admin/users?page=2&per_page=50
{"users":[…],"page":2,"per_page":50,"total":130,"has_more":true}`}</Code>
          </section>

          <section id="idempotency" aria-labelledby="idempotency-h" className="scroll-mt-4">
            <h2 id="idempotency-h" className="text-xl font-semibold">Idempotency</h2>
            <p className="mt-2 text-sm text-tremor-content">
              POSTs that create something (marked &ldquo;accepts Idempotency-Key&rdquo;) take an <code>Idempotency-Key</code> header: 1–255 visible ASCII characters, a UUID per operation, sent again on every retry of that operation. The same key with the same method, path and body within 24 hours answers the first answer again (status, body, <code>Location</code>) with <code>Idempotent-Replayed: true</code>, without doing the work twice. The same key with another body → 409 <code>idempotency_key_reused</code>; while the first request still runs → 409 <code>idempotency_key_in_progress</code> with <code>Retry-After: 1</code>. Keys are per user; 5xx answers are not kept.
            </p>
            <Code>{`curl -s $HOST/api/v1/admin/exports -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
  -H "Idempotency-Key: $(uuidgen)" -d '{"entity":"users","format":"csv"}'`}</Code>
          </section>

          <section id="rate-limits" aria-labelledby="rate-limits-h" className="scroll-mt-4">
            <h2 id="rate-limits-h" className="text-xl font-semibold">Rate limits</h2>
            <p className="mt-2 text-sm text-tremor-content">
              Every answer carries <code>X-RateLimit-Limit</code>, <code>X-RateLimit-Remaining</code> and <code>X-RateLimit-Reset</code> (Unix seconds when the window ends), for the nearest of the caller&apos;s limits: per token (or session user) and per client address. Over a limit: 429 <code>rate_limited</code> with <code>Retry-After</code> in seconds. <code>POST /api/v1/events</code> has its own per-minute limits (per address and per write key) and answers 429 with <code>Retry-After</code> too.
            </p>
          </section>

          <section id="generate-a-client" aria-labelledby="client-h" className="scroll-mt-4">
            <h2 id="client-h" className="text-xl font-semibold">Generate a client</h2>
            <p className="mt-2 text-sm text-tremor-content">Types from the document with <code>openapi-typescript</code>, calls with <code>openapi-fetch</code> (paths, parameters and answers are all typed):</p>
            <Code>{`npx openapi-typescript http://localhost:3000/api/v1/openapi.json -o api.d.ts`}</Code>
            <Code>{`import createClient from "openapi-fetch";
import type { paths } from "./api.d.ts";

const api = createClient<paths>({ baseUrl: "http://localhost:3000", headers: { Authorization: \`Bearer \${token}\` } });
const { data, error } = await api.GET("/api/v1/analytics/creator/dashboard", { params: { query: { period: "month" } } });
if (error) throw new Error(error.error.message);
console.log(data.summary.total_earnings, data.deltas.total_earnings, data.delta_units.total_earnings);`}</Code>
          </section>

          {tags.map((t) => (
            <section key={t.name} id={slug(t.name)} aria-labelledby={`${slug(t.name)}-h`} className="scroll-mt-4">
              <h2 id={`${slug(t.name)}-h`} className="text-xl font-semibold">{t.name}</h2>
              <p className="mt-1 text-sm text-tremor-content">{t.description}</p>
              <div className="mt-3 space-y-4">
                {ops.filter((o) => o.tag === t.name).map((o) => <Operation key={o.op.operationId} doc={doc} method={o.method} path={o.path} op={o.op} />)}
              </div>
            </section>
          ))}
        </main>
      </div>
    </div>
  );
}
