// Who is signed in, for server components and route handlers. The user row
// is re-read on each request so a suspension, a sign-out elsewhere or the end
// of the session's maximum age takes effect at once (session-policy.ts).
import { getToken, type JWT } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { prisma } from "@/lib/db";
import { toAuthUser } from "./credentials";
import { authSecret } from "./secret";
import { sessionStillValid } from "./session-policy";
import { userForToken } from "./tokens";
import type { AuthUser, Role } from "./types";

async function sessionUser(jwt: JWT | null): Promise<AuthUser | null> {
  if (!jwt?.sub) return null;
  const user = await prisma.user.findUnique({ where: { id: jwt.sub } });
  return user && sessionStillValid(jwt, user) ? toAuthUser(user) : null;
}

/** The signed-in user of a page request, or null. */
export async function getCurrentUser(): Promise<AuthUser | null> {
  const jwt = await getToken({ req: { cookies: await cookies(), headers: await headers() } as never, secret: authSecret() });
  return sessionUser(jwt);
}

/** For pages: anonymous → sign-in (then back to `path`), wrong role → 403 page. */
export async function requireRole(roles: Role[], path: string): Promise<AuthUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

export type RequestAuth = { user: AuthUser | null; via: "bearer" | "session" | null; badToken: boolean };

/** For API routes: `Authorization: Bearer <token>` first, else the browser session cookie. */
export async function authenticateRequest(req: NextRequest): Promise<RequestAuth> {
  const header = req.headers.get("authorization");
  if (header) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const user = m ? await userForToken(m[1]) : null;
    return { user, via: user ? "bearer" : null, badToken: !user };
  }
  const jwt = await getToken({ req, secret: authSecret() });
  const user = await sessionUser(jwt);
  return { user, via: user ? "session" : null, badToken: false };
}
