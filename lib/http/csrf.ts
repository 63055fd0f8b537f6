// Cross-site request check for cookie-authenticated API calls that change
// state. A browser attaches the session cookie to requests from any site, but
// another site cannot send application/json without a CORS preflight (which
// this app never grants), and the browser tells where a request came from in
// Origin / Sec-Fetch-Site. Bearer-token requests carry no ambient credential
// and are not checked.
import { appOrigin } from "@/lib/auth/callback-url";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a cookie-authenticated request must be refused, or null when it may go on.
 * `allowTextPlain`: only for POST /api/v1/events, whose browser tracker flushes
 * with navigator.sendBeacon (text/plain); the same-origin proof below is still
 * required (see lib/events/http.ts).
 */
export function crossSiteProblem(req: Request, opts: { allowTextPlain?: boolean } = {}): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const allowed = type === "application/json" || (opts.allowTextPlain === true && type === "text/plain");
  if (!allowed) return "requests that change data with a session cookie must be sent as application/json";
  const site = req.headers.get("sec-fetch-site");
  if (site === "same-origin") return null;
  if (site) return "cross-site request refused: Sec-Fetch-Site is " + site;
  const origin = req.headers.get("origin");
  if (origin && sameOrigin(origin, req)) return null;
  return "cross-site request refused: Origin must be this site";
}

function sameOrigin(origin: string, req: Request): boolean {
  const mine = appOrigin((n) => req.headers.get(n));
  // the Host the browser addressed, too: the app may be reached under several names (127.0.0.1 vs localhost)
  const host = req.headers.get("host");
  const proto = new URL(mine).protocol;
  return origin === mine || (host != null && origin === `${proto}//${host}`);
}
