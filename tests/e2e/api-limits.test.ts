// Idempotency-Key and rate limits over real HTTP: the shared e2e server for
// idempotency and headers, and two more `next start` instances on the same
// database with a small per-token limit to show they enforce one limit.
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { startAppOnFreePort } from "@/lib/app-server";
import { api, baseURL, sessionCookie, tokenFor } from "../helpers/http";

let pool: pg.Pool;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
});
afterAll(() => pool.end());

const tokensNamed = async (name: string) => (await pool.query(`SELECT id FROM api_tokens WHERE name = $1`, [name])).rows.map((r) => r.id);

describe("Idempotency-Key on POST /api/v1/tokens", () => {
  const create = (cookie: string, key: string | null, json: unknown) =>
    api("/api/v1/tokens", { method: "POST", cookie, headers: { origin: baseURL(), ...(key ? { "idempotency-key": key } : {}) }, json });

  it("the same key and body twice → one token, the first answer replayed", async () => {
    const cookie = await sessionCookie("uploader@example.com");
    const key = crypto.randomUUID();
    const name = `idem ${key}`;
    const first = await create(cookie, key, { name, expires_in_days: 7 });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // the same body with its keys in another order is the same request
    const second = await create(cookie, key, { expires_in_days: 7, name });
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("content-type")).toContain("application/json");
    expect(second.json).toEqual(first.json);
    expect(await tokensNamed(name)).toEqual([first.json.id]);
    // the stored answer does not show the token to whoever reads the table
    const { rows } = await pool.query(`SELECT response_body FROM idempotency_keys WHERE key_hash = encode(sha256($1::bytea), 'hex')`, [key]);
    expect(rows[0].response_body).not.toContain(first.json.token);
    // without a key every POST creates
    await create(cookie, null, { name });
    expect((await tokensNamed(name)).length).toBe(2);
  });

  it("the same key with another body → 409; keys of two users are independent", async () => {
    const key = crypto.randomUUID();
    const uploader = await sessionCookie("uploader@example.com");
    const creator = await sessionCookie("creator@example.com");
    expect((await create(uploader, key, { name: `a ${key}` })).status).toBe(201);
    const other = await create(uploader, key, { name: `b ${key}` });
    expect(other.status).toBe(409);
    expect(other.json.error).toMatchObject({ code: "idempotency_key_reused", field: "Idempotency-Key" });
    expect(await tokensNamed(`b ${key}`)).toEqual([]);
    const theirs = await create(creator, key, { name: `b ${key}` });
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect((await tokensNamed(`b ${key}`)).length).toBe(1);
  });

  it("concurrent requests with one key → one creation; the others replay it or are told it is in progress", async () => {
    const cookie = await sessionCookie("admin@example.com");
    const key = crypto.randomUUID();
    const name = `race ${key}`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => create(cookie, key, { name })));
    const ids = await tokensNamed(name);
    expect(ids.length).toBe(1);
    for (const a of answers) {
      if (a.status === 201) expect(a.json.id).toBe(ids[0]);
      else {
        expect(a.status).toBe(409);
        expect(a.json.error.code).toBe("idempotency_key_in_progress");
        expect(a.headers.get("retry-after")).toBe("1");
      }
    }
    expect(answers.filter((a) => a.status === 201 && !a.headers.get("idempotent-replayed")).length).toBe(1);
  });
});

describe("rate-limit headers", () => {
  it("every /api/v1 answer carries them, remaining counts down per token", async () => {
    const token = await tokenFor("uploader@example.com");
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(await api("/api/v1/me", { token }));
    const remaining = seen.map((r) => Number(r.headers.get("x-ratelimit-remaining")));
    expect(remaining[1]).toBe(remaining[0] - 1);
    expect(remaining[2]).toBe(remaining[0] - 2);
    const limit = Number(seen[0].headers.get("x-ratelimit-limit"));
    expect(limit).toBeGreaterThan(remaining[0]);
    const reset = Number(seen[0].headers.get("x-ratelimit-reset"));
    expect(reset).toBeGreaterThan(Date.now() / 1000 - 1);
    expect(reset).toBeLessThanOrEqual(Date.now() / 1000 + 61);
    // errors too: 401 and 400
    const anon = await api("/api/v1/me");
    expect(anon.status).toBe(401);
    expect(anon.headers.get("x-ratelimit-limit")).toMatch(/^\d+$/);
    const bad = await api("/api/v1/tokens/not-a-uuid", { method: "DELETE", token });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("x-ratelimit-remaining")).toMatch(/^\d+$/);
  });
});

describe("two app instances on one database", () => {
  const apps: { child: ChildProcess; baseURL: string }[] = [];
  beforeAll(async () => {
    const env = { API_RATE_LIMIT_PER_TOKEN: "5", API_RATE_LIMIT_PER_IP: "100000", API_RATE_LIMIT_WINDOW_SECONDS: "60" };
    for (let i = 0; i < 2; i++) apps.push(await startAppOnFreePort(inject("databaseUrl"), env));
  }, 180_000);
  afterAll(() => {
    for (const a of apps) a.child.kill("SIGTERM");
  });

  const get = async (base: string, token: string) => {
    const res = await fetch(base + "/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, json: await res.json() };
  };

  it("share one limit: 5 requests across both pass counting down, the 6th is 429 with Retry-After", async () => {
    // Near a window's end the five could straddle two windows; start in a fresh one.
    if (Date.now() % 60_000 > 50_000) await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 200));
    const t = await fetch(apps[0].baseURL + "/api/v1/auth/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "creator@example.com", password: "demo-password" }),
    });
    const { token } = await t.json();
    const remaining = [];
    for (let i = 0; i < 5; i++) {
      const r = await get(apps[i % 2].baseURL, token);
      expect(r.status).toBe(200);
      expect(r.headers.get("x-ratelimit-limit")).toBe("5");
      remaining.push(Number(r.headers.get("x-ratelimit-remaining")));
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const over = await get(apps[1].baseURL, token);
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe("rate_limited");
    const retryAfter = Number(over.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(over.headers.get("x-ratelimit-remaining")).toBe("0");
    expect((await get(apps[0].baseURL, token)).status).toBe(429);
    // another token of the same user from the same address is not limited by this one
    const t2 = await fetch(apps[1].baseURL + "/api/v1/auth/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "creator@example.com", password: "demo-password" }),
    });
    expect((await get(apps[1].baseURL, (await t2.json()).token)).status).toBe(200);
  });
});
