// Absolute URLs for links that leave the app (emails): APP_URL, else
// NEXTAUTH_URL, else the origin of the request that caused them.
export function publicUrl(path: string, requestOrigin?: string): string {
  const base = process.env.APP_URL || process.env.NEXTAUTH_URL || requestOrigin || `http://localhost:${process.env.PORT || 3000}`;
  return new URL(path, base.endsWith("/") ? base : base + "/").toString();
}
