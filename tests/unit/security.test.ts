// Pure helpers of the security hardening (issue 14): client address behind
// trusted proxies, the sign-in callback check, canonical zones, bounded dates,
// session validity, the cross-site check and the body limit.
import { describe, expect, it } from "vitest";
import { appOrigin, safeCallbackPath } from "@/lib/auth/callback-url";
import { ADDRESS_MAX_LENGTH, clientAddress, normalizeAddress, parseTrustedProxies } from "@/lib/auth/client-address";
import { sessionStillValid } from "@/lib/auth/session-policy";
import { BodyTooLargeError, readBodyLimited } from "@/lib/http/body";
import { crossSiteProblem } from "@/lib/http/csrf";
import { canonicalTimeZone, isoDate, timeZoneSchema } from "@/lib/validation/primitives";

describe("clientAddress", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, ::1");

  it("without trusted proxies is the socket address, whatever X-Forwarded-For says", () => {
    expect(clientAddress({ peer: "203.0.113.9", forwardedFor: "1.2.3.4", trusted: none })).toBe("203.0.113.9");
    expect(clientAddress({ peer: "::ffff:127.0.0.1", forwardedFor: "9.9.9.9, 8.8.8.8", trusted: none })).toBe("127.0.0.1");
  });

  it("behind trusted proxies is the right-most address that is not one of them", () => {
    expect(clientAddress({ peer: "127.0.0.1", forwardedFor: "203.0.113.9", trusted: proxies })).toBe("203.0.113.9");
    // a spoofed left part does not matter: the proxy appended the address it saw
    expect(clientAddress({ peer: "127.0.0.1", forwardedFor: "6.6.6.6, 203.0.113.9, 10.1.2.3", trusted: proxies })).toBe("203.0.113.9");
    expect(clientAddress({ peer: "::1", forwardedFor: "198.51.100.7", trusted: proxies })).toBe("198.51.100.7");
    // all hops trusted: the left-most one
    expect(clientAddress({ peer: "127.0.0.1", forwardedFor: "10.0.0.5, 10.0.0.6", trusted: proxies })).toBe("10.0.0.5");
    // an untrusted peer's header is ignored
    expect(clientAddress({ peer: "198.51.100.1", forwardedFor: "1.1.1.1", trusted: proxies })).toBe("198.51.100.1");
  });

  it("is cut to the column width, never refused", () => {
    const long = "x".repeat(500);
    const got = clientAddress({ peer: "127.0.0.1", forwardedFor: long, trusted: proxies });
    expect(got).toHaveLength(ADDRESS_MAX_LENGTH);
  });

  it("normalizes mapped IPv4, brackets and ports; refuses a bad TRUSTED_PROXIES entry", () => {
    expect(normalizeAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("[2001:db8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress("192.0.2.1:4711")).toBe("192.0.2.1");
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.local")).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("safeCallbackPath", () => {
  const origin = "https://app.example.com";
  it("keeps same-origin paths with query and hash", () => {
    expect(safeCallbackPath("/creator/earnings?from=2026-01-01#top", origin)).toBe("/creator/earnings?from=2026-01-01#top");
    expect(safeCallbackPath("https://app.example.com/admin", origin)).toBe("/admin");
  });
  it.each([
    "/\\evil.example", "/\t/evil.example", "\\\\evil.example", "//evil.example", "https://evil.example/", "http://app.example.com/x",
    "javascript:alert(1)", "/\n/evil.example", "/%09/evil.example".replace("%09", "\u0009"), "", "///evil.example",
  ])("refuses %j", (cb) => {
    expect(safeCallbackPath(cb, origin)).toBeNull();
  });
  it("refuses what is not a string", () => {
    expect(safeCallbackPath(["/a", "/b"], origin)).toBeNull();
    expect(safeCallbackPath(undefined, origin)).toBeNull();
  });
  it("appOrigin prefers NEXTAUTH_URL, else the request host", () => {
    const saved = process.env.NEXTAUTH_URL;
    try {
      process.env.NEXTAUTH_URL = "https://app.example.com/base";
      expect(appOrigin(() => null)).toBe("https://app.example.com");
      delete process.env.NEXTAUTH_URL;
      expect(appOrigin((n) => ({ host: "localhost:3000", "x-forwarded-proto": "http" })[n])).toBe("http://localhost:3000");
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved;
    }
  });
});

describe("time zones and dates", () => {
  it("time zones are answered by their canonical IANA name", () => {
    expect(canonicalTimeZone("eUrope/london")).toBe("Europe/London");
    expect(canonicalTimeZone("utc")).toBe("UTC");
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(timeZoneSchema.parse("AMERICA/NEW_YORK")).toBe("America/New_York");
    expect(timeZoneSchema.safeParse("").success).toBe(false);
    // ICU's legacy names become the current IANA ones, whichever spelling was asked for
    expect(canonicalTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(canonicalTimeZone("asia/calcutta")).toBe("Asia/Kolkata");
    expect(canonicalTimeZone("Europe/Kiev")).toBe("Europe/Kyiv");
  });
  it("dates are real and within 2000–2100", () => {
    expect(isoDate.parse("2026-02-28")).toBe("2026-02-28");
    for (const bad of ["9999-01-01", "0001-01-01", "1999-12-31", "2101-01-01", "2026-02-30", "2026-1-1"]) {
      expect(isoDate.safeParse(bad).success, bad).toBe(false);
    }
    expect(isoDate.safeParse("2000-01-01").success).toBe(true);
    expect(isoDate.safeParse("2100-12-31").success).toBe(true);
  });
});

describe("sessionStillValid", () => {
  const now = Date.UTC(2026, 10, 29, 12);
  const user = { sessionVersion: 3, status: "active" };
  const fresh = { sub: "u", sv: 3, auth_time: now / 1000 - 3600 };
  it("holds for the same version, an active user, within the maximum age", () => {
    expect(sessionStillValid(fresh, user, now)).toBe(true);
  });
  it("ends on a new version, a suspension, a missing claim, or after 7 days", () => {
    expect(sessionStillValid(fresh, { ...user, sessionVersion: 4 }, now)).toBe(false);
    expect(sessionStillValid(fresh, { ...user, status: "suspended" }, now)).toBe(false);
    expect(sessionStillValid({ sub: "u", auth_time: fresh.auth_time }, user, now)).toBe(false);
    expect(sessionStillValid({ ...fresh, auth_time: now / 1000 - 7 * 86_400 - 1 }, user, now)).toBe(false);
    expect(sessionStillValid({ ...fresh, auth_time: now / 1000 - 7 * 86_400 + 60 }, user, now)).toBe(true);
  });
});

describe("crossSiteProblem", () => {
  const req = (method: string, headers: Record<string, string>) => new Request("http://app.test/api/v1/tokens", { method, headers: { host: "app.test", ...headers } });
  it("lets reads through and same-origin JSON writes", () => {
    expect(crossSiteProblem(req("GET", {}))).toBeNull();
    expect(crossSiteProblem(req("POST", { "content-type": "application/json", origin: "http://app.test" }))).toBeNull();
    expect(crossSiteProblem(req("DELETE", { "content-type": "application/json; charset=utf-8", "sec-fetch-site": "same-origin" }))).toBeNull();
  });
  it("refuses other content types, foreign or missing origins", () => {
    expect(crossSiteProblem(req("POST", { "content-type": "text/plain", origin: "http://app.test" }))).toMatch(/application\/json/);
    expect(crossSiteProblem(req("POST", { "content-type": "application/json", origin: "https://evil.example" }))).toMatch(/cross-site/);
    expect(crossSiteProblem(req("POST", { "content-type": "application/json" }))).toMatch(/cross-site/);
    expect(crossSiteProblem(req("POST", { "content-type": "application/json", "sec-fetch-site": "cross-site", origin: "http://app.test" }))).toMatch(/cross-site/);
  });
});

describe("readBodyLimited", () => {
  it("reads a body up to the limit and refuses one byte more while streaming", async () => {
    expect(await readBodyLimited(new Request("http://x/", { method: "POST", body: "a".repeat(16) }), 16)).toBe("a".repeat(16));
    await expect(readBodyLimited(new Request("http://x/", { method: "POST", body: "a".repeat(17) }), 16)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});

describe("production defaults", () => {
  it("demo data is refused under NODE_ENV=production unless ALLOW_DEMO_DATA=1", async () => {
    const { assertDemoDataAllowed } = await import("@/prisma/seed");
    expect(() => assertDemoDataAllowed({ NODE_ENV: "production" } as NodeJS.ProcessEnv)).toThrow(/ALLOW_DEMO_DATA=1/);
    expect(() => assertDemoDataAllowed({ NODE_ENV: "production", ALLOW_DEMO_DATA: "1" } as NodeJS.ProcessEnv)).not.toThrow();
    expect(() => assertDemoDataAllowed({ NODE_ENV: "development" } as NodeJS.ProcessEnv)).not.toThrow();
  });
});
