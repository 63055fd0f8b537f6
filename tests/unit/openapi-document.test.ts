// The OpenAPI document: valid OpenAPI 3.1 (@readme/openapi-parser), and
// complete — every exported method of every route file under app/api/v1 is
// an operation of it, so a new route without docs fails here.
import fs from "node:fs";
import path from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";

const ROOT = path.resolve(import.meta.dirname, "../..");
const API = path.join(ROOT, "app/api/v1");

/** Every route file's exported HTTP methods, as "GET /api/v1/…/{id}". */
function routeOperations(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const src = fs.readFileSync(p, "utf8");
        const url = "/api/v1" + path.relative(API, dir).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).map((s) => "/" + s).join("").replace(/^\/$/, "");
        for (const m of src.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) out.push(`${m[1]} ${url}`);
      }
    }
  };
  walk(API);
  return out.sort();
}

function documentOperations(doc: ReturnType<typeof openApiDocument>): string[] {
  return Object.entries(doc.paths ?? {})
    .flatMap(([p, item]) => ["get", "post", "put", "patch", "delete"].filter((m) => (item as Record<string, unknown>)[m]).map((m) => `${m.toUpperCase()} ${p}`))
    .sort();
}

describe("OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(doc) as never);
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.valid).toBe(true);
  }, 60_000);

  it("documents every route file and method under app/api/v1, and nothing else", () => {
    const routes = routeOperations();
    expect(routes.length).toBeGreaterThan(40);
    expect(documentOperations(openApiDocument())).toEqual(routes);
  });

  it("gives every operation an id, a tag, a summary and its error answers", () => {
    const doc = openApiDocument();
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths ?? {})) {
      for (const [m, op] of Object.entries(item as Record<string, { operationId?: string; tags?: string[]; summary?: string; responses?: Record<string, unknown> }>)) {
        expect(op.operationId, `${m} ${p}`).toBeTruthy();
        expect(ids.has(op.operationId!), `duplicate ${op.operationId}`).toBe(false);
        ids.add(op.operationId!);
        expect(op.tags?.length, `${m} ${p}`).toBe(1);
        expect(op.summary, `${m} ${p}`).toBeTruthy();
        expect(Object.keys(op.responses ?? {}).some((s) => /^[23]/.test(s)), `${m} ${p} has a success answer`).toBe(true);
      }
    }
  });

  it("shares the error object, the pagination shape and the security schemes as components", () => {
    const doc = openApiDocument() as unknown as { components: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Error", "Pagination", "ReportRun", "UploaderDashboard", "CreatorDashboard"]));
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearerAuth", "eventsBasic", "eventsWriteKey", "sessionCookie"]);
    expect(doc.components.responses.Error400).toBeTruthy();
  });
});
