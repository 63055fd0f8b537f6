// Signed download links: only the exact token we signed is accepted, until it expires, for its run and its user.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { signDownload, verifyDownload, verifyDownloadFor } from "@/lib/links/signed";

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "unit-test-secret-" + crypto.randomBytes(8).toString("hex");
});

const runId = "5f0c8f8e-6a9d-4c1e-9f67-3b1d2a0e9c11";
const admin = "0b6a1f3e-2f4b-4b8e-a5f2-7d9c1e3a5b70";
const otherAdmin = "9c2d4e6f-8a0b-4c1d-9e2f-3a4b5c6d7e8f";
const now = new Date("2026-11-30T10:00:00Z");
const in24h = new Date(now.getTime() + 24 * 3600_000);

describe("signed download links", () => {
  it("accepts the token it signed, with its claims (expiry to the second)", () => {
    const token = signDownload({ runId, userId: admin, expiresAt: new Date(in24h.getTime() + 678) });
    expect(verifyDownload(token, now)).toEqual({ ok: true, claims: { runId, userId: admin, expiresAt: in24h } });
    expect(verifyDownloadFor(token, runId, admin, now).ok).toBe(true);
    expect(verifyDownloadFor(token, runId, null, now).ok).toBe(true); // the emailed link, no session
  });

  it("refuses any change to the token as tampered", () => {
    const token = signDownload({ runId, userId: admin, expiresAt: in24h });
    const [r, u, exp, sig] = token.split(".");
    const flip = (s: string) => (s[0] === "a" ? "b" : "a") + s.slice(1);
    const later = String(Number(exp) + 3600);
    for (const bad of [
      [otherAdmin, u, exp, sig], // another run's id
      [r, otherAdmin, exp, sig], // claims another user
      [r, u, later, sig], // a later expiry
      [r, u, exp, flip(sig)],
      [r, u, exp, sig.slice(0, -1)],
      [r, u, exp, sig, "x"],
      [r, u, exp],
      [r, u, `${exp}x`, sig],
    ]) {
      expect(verifyDownload(bad.join("."), now)).toEqual({ ok: false, reason: "tampered" });
    }
    expect(verifyDownload("", now)).toEqual({ ok: false, reason: "tampered" });
    expect(verifyDownload("garbage", now)).toEqual({ ok: false, reason: "tampered" });
  });

  it("says expired (with the claims, to offer a new link) once the expiry has passed", () => {
    const token = signDownload({ runId, userId: admin, expiresAt: in24h });
    expect(verifyDownload(token, new Date(in24h.getTime() - 1000)).ok).toBe(true);
    expect(verifyDownload(token, in24h)).toEqual({ ok: false, reason: "expired", claims: { runId, userId: admin, expiresAt: in24h } });
    expect(verifyDownloadFor(token, runId, admin, new Date(in24h.getTime() + 1)).ok).toBe(false);
  });

  it("refuses another signed-in user and another run", () => {
    const token = signDownload({ runId, userId: admin, expiresAt: in24h });
    expect(verifyDownloadFor(token, runId, otherAdmin, now)).toMatchObject({ ok: false, reason: "other_user" });
    expect(verifyDownloadFor(token, otherAdmin, admin, now)).toEqual({ ok: false, reason: "tampered" });
  });

  it("does not accept a token signed with another secret", () => {
    const token = signDownload({ runId, userId: admin, expiresAt: in24h });
    const [payloadRun, payloadUser, exp] = token.split(".");
    const forged = crypto.createHmac("sha256", "guessed-secret").update(`${payloadRun}.${payloadUser}.${exp}`).digest("base64url");
    expect(verifyDownload(`${payloadRun}.${payloadUser}.${exp}.${forged}`, now)).toEqual({ ok: false, reason: "tampered" });
  });
});
