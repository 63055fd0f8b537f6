// Pieces of the /docs/api page: a schema as a nested list of fields, and one
// operation (method, path, auth, parameters, body, answers) with its anchor.
import { constraints, nested, resolve, typeLabel, type Schema } from "@/lib/openapi/schema-text";

type Doc = Record<string, any>;

/** Follows a local $ref ("#/components/responses/Error400") to its object. */
export function deref<T = Schema>(doc: Doc, obj: any): T {
  if (obj && typeof obj.$ref === "string" && obj.$ref.startsWith("#/")) {
    return obj.$ref.slice(2).split("/").reduce((o: any, k: string) => o?.[k], doc) ?? {};
  }
  return obj;
}

const METHOD_COLOURS: Record<string, string> = {
  get: "bg-blue-100 text-blue-900",
  post: "bg-emerald-100 text-emerald-900",
  put: "bg-amber-100 text-amber-900",
  patch: "bg-violet-100 text-violet-900",
  delete: "bg-red-100 text-red-900",
};

export function MethodBadge({ method }: { method: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_COLOURS[method] ?? "bg-gray-100"}`}>{method}</span>;
}

function Meta({ doc, schema }: { doc: Doc; schema: Schema }) {
  const { schema: s } = resolve(doc, schema);
  const extra = constraints(doc, schema);
  return (
    <>
      <span className="font-mono text-xs text-tremor-content">{typeLabel(doc, schema)}</span>
      {extra.length > 0 && <span className="text-xs text-tremor-content-subtle"> · {extra.join(" · ")}</span>}
      {s.description && <span className="block text-sm text-tremor-content">{s.description}</span>}
    </>
  );
}

/** A schema as a list of its fields, nested objects indented (at most `depth` levels). */
export function SchemaView({ doc, schema, depth = 0 }: { doc: Doc; schema: Schema; depth?: number }) {
  const parts = nested(doc, schema);
  if (!parts.length || depth > 6) return depth === 0 ? <p className="text-sm"><Meta doc={doc} schema={schema} /></p> : null;
  return (
    <div className={depth ? "ml-3 border-l border-tremor-border pl-3" : ""}>
      {depth === 0 && <p className="mb-1 font-mono text-xs text-tremor-content">{typeLabel(doc, schema)}</p>}
      {parts.map((p, i) => (
        <div key={i}>
          {p.label && <p className="mt-1 text-xs font-semibold text-tremor-content">{p.label}:</p>}
          <ul className="space-y-1">
            {p.fields.map((f) => (
              <li key={f.name} className="break-words text-sm">
                <code className="font-semibold text-tremor-content-strong">{f.name}</code>
                {f.required ? <span className="text-xs text-red-800"> required</span> : <span className="text-xs text-tremor-content-subtle"> optional</span>}{" "}
                <Meta doc={doc} schema={f.schema} />
                <SchemaView doc={doc} schema={f.schema} depth={depth + 1} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

const SCHEME_LABEL: Record<string, string> = { bearerAuth: "Bearer token", sessionCookie: "Session cookie", eventsWriteKey: "Events write key" };

export function authText(op: Doc, doc: Doc): string {
  const security: Record<string, string[]>[] = op.security ?? doc.security ?? [];
  if (!security.length) return "None (public)";
  const ways = security.map((req) => (Object.keys(req).length ? Object.keys(req).map((k) => SCHEME_LABEL[k] ?? k).join(" + ") : "anonymous"));
  const roles: string[] | undefined = op["x-roles"];
  return `${ways.join(" or ")}${roles ? ` · roles: ${roles.join(", ")}` : " · any role"}`;
}

export function Operation({ doc, method, path, op }: { doc: Doc; method: string; path: string; op: Doc }) {
  const params: Doc[] = (op.parameters ?? []).map((p: Doc) => deref(doc, p));
  const body = op.requestBody ? deref<Doc>(doc, op.requestBody) : null;
  return (
    <section id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="scroll-mt-4 rounded-lg border border-tremor-border bg-white p-4">
      <h3 id={`${op.operationId}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <MethodBadge method={method} />
        <code className="break-all font-mono text-sm">{path}</code>
        <a href={`#${op.operationId}`} className="text-xs font-normal text-tremor-brand-emphasis hover:underline" aria-label={`Link to ${method.toUpperCase()} ${path}`}>#</a>
      </h3>
      <p className="mt-1 font-medium">{op.summary}</p>
      {op.description && <p className="mt-1 whitespace-pre-line text-sm text-tremor-content">{op.description}</p>}
      <dl className="mt-2 grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">Auth</dt>
        <dd>{authText(op, doc)}</dd>
        <dt className="font-semibold">Operation id</dt>
        <dd><code className="font-mono text-xs">{op.operationId}</code>{op["x-idempotent"] ? " · accepts Idempotency-Key" : ""}</dd>
      </dl>
      {params.length > 0 && (
        <>
          <h4 className="mt-3 text-sm font-semibold">Parameters</h4>
          <ul className="mt-1 space-y-1">
            {params.map((p) => (
              <li key={`${p.in}-${p.name}`} className="break-words text-sm">
                <code className="font-semibold">{p.name}</code> <span className="text-xs text-tremor-content-subtle">in {p.in}</span>
                {p.required ? <span className="text-xs text-red-800"> required</span> : <span className="text-xs text-tremor-content-subtle"> optional</span>}{" "}
                <Meta doc={doc} schema={p.schema ?? {}} />
                {p.description && <span className="block text-sm text-tremor-content">{p.description}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {body && (
        <>
          <h4 className="mt-3 text-sm font-semibold">Request body <span className="font-normal text-tremor-content">({Object.keys(body.content ?? {}).join(", ")})</span></h4>
          {Object.values<Doc>(body.content ?? {}).map((c, i) => <SchemaView key={i} doc={doc} schema={c.schema ?? {}} />)}
        </>
      )}
      <h4 className="mt-3 text-sm font-semibold">Responses</h4>
      <ul className="mt-1 space-y-2">
        {Object.entries<Doc>(op.responses ?? {}).map(([status, raw]) => {
          const r = deref<Doc>(doc, raw);
          const content = Object.entries<Doc>(r.content ?? {});
          const headers = Object.keys(r.headers ?? {});
          return (
            <li key={status} className="text-sm">
              <span className={`font-mono font-semibold ${status.startsWith("2") || status.startsWith("3") ? "text-emerald-800" : "text-red-800"}`}>{status}</span> {r.description}
              {content.length > 0 && <span className="text-xs text-tremor-content"> · {content.map(([t]) => t).join(", ")}</span>}
              {headers.length > 0 && <span className="block text-xs text-tremor-content-subtle">Headers: {headers.join(", ")}</span>}
              {status.startsWith("2") && content
                .filter(([t]) => t.includes("json"))
                .map(([t, c]) => (
                  <details key={t} className="mt-1">
                    <summary className="cursor-pointer text-xs text-tremor-brand-emphasis">Schema</summary>
                    <div className="mt-1 overflow-x-auto"><SchemaView doc={doc} schema={c.schema ?? {}} /></div>
                  </details>
                ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
