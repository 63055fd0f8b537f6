// The PostgreSQL limiter (fixed windows, several buckets in one statement) and
// the idempotency store, against a real database. Expected values are counted
// here from the requests made, not taken from the code under test.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { errorResponse } from "@/lib/http/api";
import { canonicalJson, claimIdempotencyKey, openAnswer, purgeIdempotencyKeys, requestHash, sealAnswer } from "@/lib/http/idempotency";
import { pruneApiRateLimits, takeRequest } from "@/lib/http/rate-limit";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let tdb: TestDatabase;
let db: Db;
let userId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createPrisma(tdb.url, 8);
  const { rows } = await tdb.pool.query(`INSERT INTO users (role, email, name, password_hash) VALUES ('uploader', 'idem@test.local', 'idem', 'x') RETURNING id`);
  userId = rows[0].id;
});
afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
});

describe("takeRequest", () => {
  const at = new Date("2026-11-30T10:00:30.000Z");

  it("counts down in a fixed window, refuses past the limit, starts again in the next window", async () => {
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push(await takeRequest(db, [{ key: "t:a", limit: 3 }], 60, at));
    expect(seen.map((r) => [r.ok, r.remaining])).toEqual([[true, 2], [true, 1], [true, 0], [false, 0]]);
    expect(seen[3].retryAfterSeconds).toBe(30);
    expect(seen[3].resetAt).toBe(Date.parse("2026-11-30T10:01:00.000Z") / 1000);
    const next = await takeRequest(db, [{ key: "t:a", limit: 3 }], 60, new Date("2026-11-30T10:01:00.000Z"));
    expect([next.ok, next.remaining]).toEqual([true, 2]);
  });

  it("counts every bucket in one statement and reports the tightest", async () => {
    const buckets = [{ key: "ip:x", limit: 10 }, { key: "tok:y", limit: 2 }];
    const r1 = await takeRequest(db, buckets, 60, at);
    expect([r1.ok, r1.limit, r1.remaining]).toEqual([true, 2, 1]);
    await takeRequest(db, buckets, 60, at);
    const r3 = await takeRequest(db, buckets, 60, at);
    expect([r3.ok, r3.limit]).toEqual([false, 2]);
    // a new token from the same address is limited by the address only: 3 counted there so far
    const other = await takeRequest(db, [{ key: "ip:x", limit: 10 }, { key: "tok:z", limit: 2 }], 60, at);
    expect([other.ok, other.limit, other.remaining]).toEqual([true, 2, 1]);
    const { rows } = await tdb.pool.query(`SELECT requests FROM api_rate_limits WHERE bucket = 'ip:x'`);
    expect(rows[0].requests).toBe(4);
  });

  it("parallel requests: exactly `limit` pass", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => takeRequest(db, [{ key: "ip:p", limit: 25 }, { key: "tok:p", limit: 1000 }], 60, at)));
    expect(results.filter((r) => r.ok).length).toBe(25);
  });

  it("costs one round trip: median time of a take vs a bare SELECT 1 (logged)", async () => {
    const median = async (f: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        await f();
        ms.push(performance.now() - t);
      }
      return ms.sort((a, b) => a - b)[100];
    };
    const select = await median(() => db.$queryRaw`SELECT 1`);
    const take = await median(() => takeRequest(db, [{ key: "ip:m", limit: 1e9 }, { key: "tok:m", limit: 1e9 }], 60, at));
    console.log(`rate limit take: median ${take.toFixed(2)} ms; SELECT 1 round trip: ${select.toFixed(2)} ms`);
    expect(take).toBeGreaterThan(0);
  });

  it("prunes windows over an hour old", async () => {
    await takeRequest(db, [{ key: "t:old", limit: 1 }], 60, new Date("2026-11-30T08:00:00.000Z"));
    const deleted = await pruneApiRateLimits(db, new Date("2026-11-30T10:00:30.000Z"));
    expect(deleted).toBe(1);
  });
});

describe("idempotency store", () => {
  const post = (key: string | null, path = "/api/v1/tokens") =>
    new Request(`http://x${path}`, { method: "POST", headers: key === null ? {} : { "idempotency-key": key } });

  it("hashes method, path and body with keys in any order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(requestHash("POST", "/p", { a: 1, b: 2 })).toBe(requestHash("post", "/p", { b: 2, a: 1 }));
    expect(requestHash("POST", "/p", { a: 1 })).not.toBe(requestHash("POST", "/q", { a: 1 }));
  });

  it("seals answers so only the key opens them", () => {
    const sealed = sealAnswer(userId, "k1", '{"token":"mat_secret"}');
    expect(sealed).not.toContain("mat_secret");
    expect(openAnswer(userId, "k1", sealed)).toBe('{"token":"mat_secret"}');
    expect(() => openAnswer(userId, "k2", sealed)).toThrow();
  });

  it("no header: runs normally; a bad key: 400 naming the header", async () => {
    expect(await claimIdempotencyKey(post(null), userId, {}, errorResponse, db)).toBeNull();
    const bad = (await claimIdempotencyKey(post(" "), userId, {}, errorResponse, db)) as Response;
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe("Idempotency-Key");
  });

  it("first claims, concurrent gets 409 in progress, finished answer replays, other body 409; 5xx frees the key", async () => {
    const key = crypto.randomUUID();
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimIdempotencyKey(post(key), userId, { name: "a" }, errorResponse, db)));
    const owners = claims.filter((c) => c && !(c instanceof Response));
    expect(owners.length).toBe(1);
    for (const c of claims.filter((c) => c instanceof Response) as Response[]) {
      expect(c.status).toBe(409);
      expect((await c.json()).error.code).toBe("idempotency_key_in_progress");
    }
    const { rows } = await tdb.pool.query(`SELECT key_hash, response_body FROM idempotency_keys WHERE user_id = $1`, [userId]);
    expect(rows[0].key_hash).toBe(crypto.createHash("sha256").update(key).digest("hex"));
    await (owners[0] as { finish(r: Response): Promise<Response> }).finish(Response.json({ id: 7 }, { status: 201, headers: { location: "/x/7" } }));
    const replay = (await claimIdempotencyKey(post(key), userId, { name: "a" }, errorResponse, db)) as Response;
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("location")).toBe("/x/7");
    expect(await replay.json()).toEqual({ id: 7 });
    const other = (await claimIdempotencyKey(post(key), userId, { name: "b" }, errorResponse, db)) as Response;
    expect(other.status).toBe(409);
    expect((await other.json()).error.code).toBe("idempotency_key_reused");
    const otherPath = (await claimIdempotencyKey(post(key, "/api/v1/other"), userId, { name: "a" }, errorResponse, db)) as Response;
    expect(otherPath.status).toBe(409);

    const k2 = crypto.randomUUID();
    const c2 = (await claimIdempotencyKey(post(k2), userId, {}, errorResponse, db)) as { finish(r: Response): Promise<Response> };
    await c2.finish(new Response("boom", { status: 500 }));
    const again = await claimIdempotencyKey(post(k2), userId, {}, errorResponse, db);
    expect(again).not.toBeNull();
    expect(again instanceof Response).toBe(false);
  });

  it("expired answers are purged and their key can be used again", async () => {
    const key = crypto.randomUUID();
    const c = (await claimIdempotencyKey(post(key), userId, {}, errorResponse, db)) as { finish(r: Response): Promise<Response> };
    await c.finish(Response.json({ n: 1 }));
    const hash = crypto.createHash("sha256").update(key).digest("hex");
    await tdb.pool.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key_hash = $1`, [hash]);
    // past 24 h a new body is a new request, not a conflict
    const fresh = await claimIdempotencyKey(post(key), userId, { other: true }, errorResponse, db);
    expect(fresh instanceof Response).toBe(false);
    await tdb.pool.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key_hash = $1`, [hash]);
    const before = (await tdb.pool.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE expires_at < now()`)).rows[0].n;
    expect(await purgeIdempotencyKeys(db)).toBe(before);
    expect((await tdb.pool.query(`SELECT 1 FROM idempotency_keys WHERE key_hash = $1`, [hash])).rowCount).toBe(0);
  });
});
