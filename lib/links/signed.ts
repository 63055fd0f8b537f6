// Signed download links: HMAC-SHA256 over (run id, requesting user id, expiry),
// keyed by a secret derived from the app's auth secret. The token names the
// user so only the admin who asked can use it (the route checks the session
// user too when there is one).
import crypto from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

export const DEFAULT_LINK_TTL_HOURS = Number(process.env.DOWNLOAD_LINK_TTL_HOURS ?? 24);

const key = () => crypto.createHmac("sha256", authSecret()).update("download-links/v1").digest();
const mac = (payload: string) => crypto.createHmac("sha256", key()).update(payload).digest("base64url");

export type LinkClaims = { runId: string; userId: string; expiresAt: Date };

/** `<runId>.<userId>.<expiry unix s>.<mac>` — opaque to users, readable to us. */
export function signDownload(c: LinkClaims): string {
  const payload = `${c.runId}.${c.userId}.${Math.floor(c.expiresAt.getTime() / 1000)}`;
  return `${payload}.${mac(payload)}`;
}

export type LinkCheck =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: "tampered" }
  | { ok: false; reason: "expired"; claims: LinkClaims };

export function verifyDownload(token: string, now = new Date()): LinkCheck {
  const parts = token.split(".");
  if (parts.length !== 4) return { ok: false, reason: "tampered" };
  const [runId, userId, exp, sig] = parts;
  const want = Buffer.from(mac(`${runId}.${userId}.${exp}`));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !crypto.timingSafeEqual(want, got) || !/^\d+$/.test(exp)) return { ok: false, reason: "tampered" };
  const claims = { runId, userId, expiresAt: new Date(Number(exp) * 1000) };
  if (claims.expiresAt <= now) return { ok: false, reason: "expired", claims };
  return { ok: true, claims };
}

export type DownloadCheck =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: "tampered" | "other_user"; claims?: LinkClaims }
  | { ok: false; reason: "expired"; claims: LinkClaims };

/**
 * A link checked for one run and one viewer: a token signed for another run is
 * "tampered" (403); one signed for another user is "other_user" (403) when a
 * viewer is signed in; without a session the token alone names the user.
 */
export function verifyDownloadFor(token: string, runId: string, viewerId: string | null, now = new Date()): DownloadCheck {
  const check = verifyDownload(token, now);
  if (!check.ok && check.reason === "tampered") return check;
  const claims = check.ok ? check.claims : check.claims;
  if (claims.runId !== runId) return { ok: false, reason: "tampered" };
  if (viewerId && viewerId !== claims.userId) return { ok: false, reason: "other_user", claims };
  return check;
}
