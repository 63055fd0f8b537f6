import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { BodyTooLargeError, DEFAULT_BODY_LIMIT_BYTES, readBodyLimited } from "@/lib/http/body";
import { tooLarge } from "@/lib/http/api";

const handler = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Sign-in and sign-out forms are small: the same 16 KB limit as the API, checked before next-auth parses anything.
async function post(req: NextRequest, ctx: Ctx) {
  if (Number(req.headers.get("content-length") ?? 0) > DEFAULT_BODY_LIMIT_BYTES) return tooLarge(DEFAULT_BODY_LIMIT_BYTES);
  let text: string;
  try {
    text = await readBodyLimited(req, DEFAULT_BODY_LIMIT_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return tooLarge(DEFAULT_BODY_LIMIT_BYTES);
    throw err;
  }
  return handler(new NextRequest(req.url, { method: "POST", headers: req.headers, body: text }), ctx);
}


export { handler as GET, post as POST };
