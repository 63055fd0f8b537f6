"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { TableScroll } from "@/components/table-scroll";
import { formatDateTime } from "@/lib/format";

type Token = { id: string; kind: "session" | "personal"; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string; revokedAt: string | null };

export function TokensManager({ tokens, timeZone }: { tokens: Token[]; timeZone: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [days, setDays] = useState("90");
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState("");

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError("");
    const res = await fetch("/api/v1/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name, expires_in_days: Number(days) }) });
    const json = await res.json();
    if (!res.ok) return setError(json.error?.message ?? "Could not create the token");
    setCreated(json.token);
    setName("");
    router.refresh();
  }

  async function revoke(id: string) {
    // JSON content type: the API refuses cookie-authenticated changes without it (CSRF check in lib/http/api.ts)
    const res = await fetch(`/api/v1/tokens/${id}`, { method: "DELETE", headers: { "content-type": "application/json" } });
    if (!res.ok) setError("Could not revoke the token");
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form onSubmit={create} className="flex flex-wrap items-end gap-3 rounded-tremor-default border border-tremor-border bg-white p-4">
        <label className="flex flex-col gap-1 text-tremor-default">
          Token name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="e.g. reporting script" className="rounded-tremor-small border border-tremor-border px-3 py-2" />
        </label>
        <label className="flex flex-col gap-1 text-tremor-default">
          Expires in
          <select value={days} onChange={(e) => setDays(e.target.value)} className="rounded-tremor-small border border-tremor-border px-3 py-2">
            <option value="30">30 days</option>
            <option value="90">90 days</option>
            <option value="365">1 year</option>
          </select>
        </label>
        <button type="submit" className="rounded-tremor-small bg-tremor-brand px-4 py-2 text-white hover:bg-tremor-brand-emphasis">Create token</button>
        {error && <p role="alert" className="w-full text-red-600">{error}</p>}
      </form>
      {created && (
        <div className="rounded-tremor-default border border-amber-300 bg-amber-50 p-4" data-testid="new-token">
          <p className="font-medium">Copy this token now: it will not be shown again.</p>
          <code className="mt-2 block break-all rounded bg-white p-2 text-sm">{created}</code>
        </div>
      )}
      <div className="rounded-tremor-default border border-tremor-border bg-white">
        <TableScroll label="Your API tokens">
        <table className="w-full text-left text-tremor-default">
          <thead className="border-b border-tremor-border text-tremor-content">
            <tr><th className="p-3">Name</th><th className="p-3">Token</th><th className="p-3">Created</th><th className="p-3">Last used</th><th className="p-3">Expires</th><th className="p-3">Status</th><th className="p-3" /></tr>
          </thead>
          <tbody>
            {tokens.length === 0 && <tr><td colSpan={7} className="p-3 text-tremor-content">No tokens yet.</td></tr>}
            {tokens.map((t) => (
              <tr key={t.id} className="border-b border-tremor-border last:border-0">
                <td className="p-3">{t.name}{t.kind === "session" && <span className="ml-1 text-tremor-content">(sign-in token)</span>}</td>
                <td className="p-3 font-mono">{t.prefix}…</td>
                <td className="whitespace-nowrap p-3">{formatDateTime(t.createdAt, timeZone)}</td>
                <td className="whitespace-nowrap p-3">{t.lastUsedAt ? formatDateTime(t.lastUsedAt, timeZone) : "never"}</td>
                <td className="whitespace-nowrap p-3">{formatDateTime(t.expiresAt, timeZone)}</td>
                <td className="p-3">{t.revokedAt ? "revoked" : new Date(t.expiresAt) < new Date() ? "expired" : "active"}</td>
                <td className="p-3 text-right">
                  {!t.revokedAt && new Date(t.expiresAt) > new Date() && <button onClick={() => revoke(t.id)} className="text-red-600 hover:underline">Revoke</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      </div>
    </div>
  );
}
