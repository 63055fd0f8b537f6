// The route template of a request (`/api/v1/admin/alerts/[id]`, never the
// raw path), rebuilt from the path and the dynamic params Next.js matched:
// the segment holding a param's value becomes `[name]` (a catch-all's
// segments become one `[...name]`), so one route is one row however many ids
// it serves. The last match wins: a template's static parts come first.
export function routeTemplate(pathname: string, params: Record<string, string | string[] | undefined> | undefined): string {
  let segments = pathname.split("/");
  if (!params) return pathname;
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const parts = Array.isArray(value) ? value : [value];
    if (parts.length === 0) continue;
    for (let i = segments.length - parts.length; i > 0; i--) {
      if (parts.every((p, j) => safeDecode(segments[i + j]) === p)) {
        segments = [...segments.slice(0, i), Array.isArray(value) ? `[...${name}]` : `[${name}]`, ...segments.slice(i + parts.length)];
        break;
      }
    }
  }
  return segments.join("/");
}

function safeDecode(s: string) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
