// API tokens of the caller: list every one (GET, both kinds) and create a
// personal one (POST, shown once). Creating needs the browser session: a
// bearer token, however short-lived, cannot mint a longer one. Idempotency-Key:
// a retried POST with the same key and body answers the first token again.
import { NextResponse } from "next/server";
import { issueToken, listTokens } from "@/lib/auth/tokens";
import { apiHandler, errorResponse } from "@/lib/http/api";
import { createTokenSchema } from "@/lib/validation/auth";

export const GET = apiHandler({}, async ({ user }) => ({ tokens: await listTokens(user.id) }));

export const POST = apiHandler({ body: createTokenSchema, idempotent: true }, async ({ user, body, via }) => {
  if (via !== "session") return errorResponse(403, "session_required", "personal tokens are created from a signed-in browser session, not with a token");
  const expiresAt = new Date(Date.now() + body.expires_in_days * 86_400_000);
  const { token, row } = await issueToken(user.id, "personal", body.name, expiresAt);
  return NextResponse.json(
    { token, id: row.id, name: row.name, prefix: row.prefix, created_at: row.createdAt, expires_at: row.expiresAt },
    { status: 201 },
  );
});
