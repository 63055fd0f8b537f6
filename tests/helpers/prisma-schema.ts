// A small reader of prisma/schema.prisma: the tables and columns it declares
// (model @@map / field @map), ignoring relation fields.
import fs from "node:fs";

export function declaredTables(file = "prisma/schema.prisma"): Map<string, { column: string; nullable: boolean }[]> {
  const text = fs.readFileSync(file, "utf8");
  const models = [...text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)];
  const enums = new Set([...text.matchAll(/^enum\s+(\w+)/gm)].map((m) => m[1]));
  const modelNames = new Set(models.map((m) => m[1]));
  const out = new Map<string, { column: string; nullable: boolean }[]>();
  for (const [, name, body] of models) {
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? name;
    const cols: { column: string; nullable: boolean }[] = [];
    for (const raw of body.split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      const m = /^(\w+)\s+(\w+)(\[\])?(\?)?/.exec(line);
      if (!m || line.startsWith("@@")) continue;
      const [, field, type, list, optional] = m;
      if (modelNames.has(type)) continue; // relation field, no column
      if (!enums.has(type) && !["String", "Int", "BigInt", "Boolean", "DateTime", "Decimal", "Json", "Float", "Bytes"].includes(type)) continue;
      cols.push({ column: /@map\("([^"]+)"\)/.exec(line)?.[1] ?? field, // Prisma creates scalar lists as nullable arrays (TEXT[]), like its own migrations
      nullable: Boolean(optional || list) });
    }
    out.set(table, cols);
  }
  return out;
}
