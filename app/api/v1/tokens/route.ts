// Personal API tokens of the caller: list (GET) and create (POST, shown once).
import { NextResponse } from "next/server";
import { issueToken, listPersonalTokens } from "@/lib/auth/tokens";
import { apiHandler } from "@/lib/http/api";
import { createTokenSchema } from "@/lib/validation/auth";

export const GET = apiHandler({}, async ({ user }) => ({ tokens: await listPersonalTokens(user.id) }));

export const POST = apiHandler({ body: createTokenSchema }, async ({ user, body }) => {
  const expiresAt = body.expires_in_days ? new Date(Date.now() + body.expires_in_days * 86_400_000) : null;
  const { token, row } = await issueToken(user.id, "personal", body.name, expiresAt);
  return NextResponse.json(
    { token, id: row.id, name: row.name, prefix: row.prefix, created_at: row.createdAt, expires_at: row.expiresAt },
    { status: 201 },
  );
});
