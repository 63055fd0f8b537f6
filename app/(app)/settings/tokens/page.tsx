import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { TokensManager } from "@/components/tokens-manager";
import { requireRole } from "@/lib/auth/session";
import { listTokens } from "@/lib/auth/tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const user = await requireRole(["uploader", "creator", "admin"], "/settings/tokens");
  const tokens = await listTokens(user.id);
  return (
    <>
      <PageHeader title="API tokens" subtitle="Use a token as `Authorization: Bearer <token>` on /api/v1. It is shown once; only its hash is stored. Tokens expire (90 days by default, a year at most); sign-in tokens from POST /api/v1/auth/token are listed too and expire within the hour." />
      <p className="mb-4 text-tremor-default text-tremor-content">
        Every endpoint, its parameters and answers: the <a href="/docs/api" className="text-tremor-brand-emphasis hover:underline">API reference</a> (and its OpenAPI document, <a href="/api/v1/openapi.json" className="text-tremor-brand-emphasis hover:underline">openapi.json</a>, to generate a typed client).
      </p>
      <TokensManager
        timeZone={user.timeZone}
        tokens={tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, expiresAt: t.expiresAt.toISOString(), revokedAt: t.revokedAt?.toISOString() ?? null }))}
      />
    </>
  );
}
