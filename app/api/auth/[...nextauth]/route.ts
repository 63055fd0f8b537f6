import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { DEFAULT_BODY_LIMIT_BYTES } from "@/lib/http/body";
import { readBodyOr413 } from "@/lib/http/api";

const handler = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Sign-in and sign-out forms are small: the same 16 KB limit as the API, checked before next-auth parses anything.
async function post(req: NextRequest, ctx: Ctx) {
  const text = await readBodyOr413(req, DEFAULT_BODY_LIMIT_BYTES);
  if (text instanceof Response) return text;
  return handler(new NextRequest(req.url, { method: "POST", headers: req.headers, body: text }), ctx);
}

export { handler as GET, post as POST };
