// next-auth: credentials sign-in, JWT sessions carrying id, role, the user's
// session version and the sign-in time (see session-policy.ts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "@/lib/db";
import { safeCallbackPath } from "./callback-url";
import { requestClientAddress } from "./client-address";
import { verifyCredentials } from "./credentials";
import { authSecret } from "./secret";
import { endSessions, SESSION_IDLE_SECONDS, sessionStillValid } from "./session-policy";
import { signInSchema } from "@/lib/validation/auth";
import { eventsConfig } from "@/lib/events/config";
import { storedAddress } from "@/lib/events/ip";
import { trackSafely } from "@/lib/events/track";

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new Error("invalid");
        const headers = (req?.headers ?? {}) as Record<string, string | string[] | undefined>;
        const ip = requestClientAddress((name) => {
          const v = headers[name];
          return Array.isArray(v) ? v.join(",") : v;
        });
        const result = await verifyCredentials(parsed.data.email, parsed.data.password, ip);
        // The reason reaches the sign-in page as ?error=<reason>.
        if (!result.ok) throw new Error(result.reason);
        const ua = headers["user-agent"];
        await trackSafely("signed_in", result.user.id, { method: "password", client: "browser" }, {
          userAgent: typeof ua === "string" ? ua.slice(0, 1000) : null, ip: storedAddress(ip, eventsConfig().fullIp),
        });
        return { id: result.user.id, email: result.user.email, name: result.user.name, role: result.user.role };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
        return { ...token, role: user.role, sv: row.sessionVersion, auth_time: Math.floor(Date.now() / 1000) };
      }
      // /api/auth/session re-issues the cookie: never for an ended session (throwing clears the cookie).
      const row = token.sub ? await prisma.user.findUnique({ where: { id: token.sub }, select: { sessionVersion: true, status: true } }) : null;
      if (!row || !sessionStillValid(token, row)) throw new Error("session ended");
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        session.user.id = token.sub;
        session.user.role = token.role;
      }
      return session;
    },
    async redirect({ url, baseUrl }) {
      const path = safeCallbackPath(url, baseUrl);
      return path ? new URL(path, baseUrl).toString() : baseUrl;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sub) await endSessions(token.sub);
    },
  },
};
