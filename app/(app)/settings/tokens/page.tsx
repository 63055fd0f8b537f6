import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { TokensManager } from "@/components/tokens-manager";
import { requireRole } from "@/lib/auth/session";
import { listPersonalTokens } from "@/lib/auth/tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const user = await requireRole(["uploader", "creator", "admin"], "/settings/tokens");
  const tokens = await listPersonalTokens(user.id);
  return (
    <>
      <PageHeader title="API tokens" subtitle="Use a token as `Authorization: Bearer <token>` on /api/v1. It is shown once; only its hash is stored." />
      <TokensManager
        timeZone={user.timeZone}
        tokens={tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, expiresAt: t.expiresAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null }))}
      />
    </>
  );
}
