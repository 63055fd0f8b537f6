// Runs before every page (not /api or static files):
// - passes the request path to server components (layouts cannot read it
//   otherwise), so the app shell can check the role a path needs before any
//   page streams — which is what lets a wrong role get a real HTTP 403;
// - gives the page a Content-Security-Policy with a fresh nonce. Next.js reads
//   the nonce from the request's CSP header and puts it on its own scripts;
//   the root layout reads the headers, so every page renders per request.
import { NextResponse, type NextRequest } from "next/server";
import { pageCsp } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = pageCsp(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = { matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"] };
