// Where to send the browser after sign-in. Only a place on the app's own
// origin: browsers read "/\evil.example" and "/\t/evil.example" as
// "//evil.example", so a backslash or a control character anywhere refuses the
// value outright, and what is left must resolve to the same origin.

/** The path (with query and hash) to go to, or null when `callbackUrl` is not a safe same-origin place. */
export function safeCallbackPath(callbackUrl: unknown, origin: string): string | null {
  if (typeof callbackUrl !== "string" || !callbackUrl || callbackUrl.length > 2048) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(callbackUrl)) return null;
  let url: URL;
  try {
    url = new URL(callbackUrl, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  const path = url.pathname + url.search + url.hash;
  // a path that still starts with two slashes would be protocol-relative where it is used next
  return path.startsWith("//") ? null : path;
}

/** The app's public origin: NEXTAUTH_URL when set, else the request's own host. */
export function appOrigin(get: (name: string) => string | null | undefined): string {
  if (process.env.NEXTAUTH_URL) return new URL(process.env.NEXTAUTH_URL).origin;
  const proto = get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${get("host") ?? "localhost"}`;
}
