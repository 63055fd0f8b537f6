// A compact reading of JSON Schema for the /docs/api page: a type in words
// ("string (uuid) | null", "array of object", "\"csv\" | \"xlsx\"") and the
// fields of an object (allOf merged, $refs resolved), so a schema renders
// as a nested list of fields instead of raw JSON.
export type Schema = Record<string, any>;
type Doc = { components?: { schemas?: Record<string, Schema> } };

const REF = "#/components/schemas/";

/** The schema a $ref points at (and the component's name), else the schema itself. */
export function resolve(doc: Doc, s: Schema | undefined): { schema: Schema; name?: string } {
  if (s && typeof s.$ref === "string" && s.$ref.startsWith(REF)) {
    const name = s.$ref.slice(REF.length);
    return { schema: doc.components?.schemas?.[name] ?? {}, name };
  }
  return { schema: s ?? {} };
}

const lit = (v: unknown) => JSON.stringify(v);

/** The type in words, one line. */
export function typeLabel(doc: Doc, raw: Schema | undefined): string {
  const { schema: s, name } = resolve(doc, raw);
  const label = baseLabel(doc, s);
  return name ? `${label} (${name})` : label;
}

function baseLabel(doc: Doc, s: Schema): string {
  if ("const" in s) return lit(s.const);
  if (Array.isArray(s.enum)) return s.enum.map(lit).join(" | ");
  const union = s.anyOf ?? s.oneOf;
  if (Array.isArray(union)) return union.map((x: Schema) => typeLabel(doc, x)).join(" | ");
  if (Array.isArray(s.allOf)) return "object";
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (!types.length) return s.properties ? "object" : "any";
  return types
    .map((t) => {
      if (t === "array") return `array of ${s.items ? typeLabel(doc, s.items) : "any"}`;
      if (t === "string" && s.format) return `string (${s.format})`;
      if (t === "object" && !s.properties && s.additionalProperties && typeof s.additionalProperties === "object")
        return `map of ${typeLabel(doc, s.additionalProperties)}`;
      return t;
    })
    .join(" | ");
}

/** Constraints worth reading: ranges, lengths, pattern, default. */
export function constraints(doc: Doc, raw: Schema | undefined): string[] {
  const { schema: s } = resolve(doc, raw);
  const out: string[] = [];
  const num = (v: unknown) => typeof v === "number" && Math.abs(v) < 1e15;
  if (num(s.minimum) && num(s.maximum)) out.push(`${s.minimum}–${s.maximum}`);
  else if (num(s.minimum)) out.push(`≥ ${s.minimum}`);
  else if (num(s.maximum)) out.push(`≤ ${s.maximum}`);
  if (num(s.exclusiveMinimum)) out.push(`> ${s.exclusiveMinimum}`);
  if (s.minLength != null || s.maxLength != null) out.push(`length ${s.minLength ?? 0}–${s.maxLength ?? "∞"}`);
  if (s.minItems != null || s.maxItems != null) out.push(`${s.minItems ?? 0}–${s.maxItems ?? "∞"} items`);
  if (s.pattern && !s.format) out.push(`pattern ${s.pattern}`);
  if ("default" in s) out.push(`default ${lit(s.default)}`);
  return out;
}

export type Field = { name: string; required: boolean; schema: Schema };

/** The fields of an object schema (allOf parts merged); null when it is not an object with properties. */
export function fields(doc: Doc, raw: Schema | undefined): Field[] | null {
  const { schema: s } = resolve(doc, raw);
  if (Array.isArray(s.allOf)) {
    const all = s.allOf.flatMap((p: Schema) => fields(doc, p) ?? []);
    return all.length ? all : null;
  }
  if (!s.properties) return null;
  const required = new Set<string>(s.required ?? []);
  return Object.entries<Schema>(s.properties).map(([name, schema]) => ({ name, required: required.has(name), schema }));
}

/** What to expand under a field: its own fields, an array's item fields, or a union's object variants. */
export function nested(doc: Doc, raw: Schema | undefined): { label?: string; fields: Field[] }[] {
  const { schema: s } = resolve(doc, raw);
  const own = fields(doc, s);
  if (own) return [{ fields: own }];
  const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes("array") && s.items) return nested(doc, s.items);
  if (types.includes("object") && s.additionalProperties && typeof s.additionalProperties === "object") return nested(doc, s.additionalProperties);
  const union: Schema[] | undefined = s.anyOf ?? s.oneOf;
  if (union) {
    return union.flatMap((v, i) => {
      const f = nested(doc, v);
      const { schema: r, name } = resolve(doc, v);
      return f.map((x) => ({ label: r.title ?? name ?? `variant ${i + 1}`, fields: x.fields }));
    });
  }
  return [];
}
