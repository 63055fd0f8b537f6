// Passes the request path to server components (layouts cannot read it
// otherwise), so the app shell can check the role a path needs before any
// page streams — which is what lets a wrong role get a real HTTP 403.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"] };
