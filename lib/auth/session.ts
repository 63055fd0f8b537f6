// Who is signed in, for server components and route handlers. The user row
// is re-read on each request so a suspension takes effect at once.
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { forbidden, redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { prisma } from "@/lib/db";
import { toAuthUser } from "./credentials";
import { authOptions } from "./options";
import { authSecret } from "./secret";
import { userForToken } from "./tokens";
import type { AuthUser, Role } from "./types";

async function activeUser(id: string | undefined): Promise<AuthUser | null> {
  if (!id) return null;
  const user = await prisma.user.findUnique({ where: { id } });
  return user && user.status === "active" ? toAuthUser(user) : null;
}

/** The signed-in user of a page request, or null. */
export async function getCurrentUser(): Promise<AuthUser | null> {
  const session = await getServerSession(authOptions);
  return activeUser(session?.user?.id);
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
  const user = await activeUser(jwt?.sub);
  return { user, via: user ? "session" : null, badToken: false };
}
