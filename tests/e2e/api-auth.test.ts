import bcrypt from "bcryptjs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { api, baseURL, sessionCookie, tokenFor } from "../helpers/http";

let pool: pg.Pool;
const hash = bcrypt.hashSync("s3cret-pass", 4);

async function makeUser(email: string, role: "uploader" | "creator" | "admin", status: "active" | "suspended" = "active") {
  await pool.query(
    `INSERT INTO users (role, email, name, password_hash, status, suspended_at) VALUES ($1::user_role, $2, $3, $4, $5::user_status, CASE WHEN $5::text = 'suspended' THEN now() END)`,
    [role, email, email.split("@")[0], hash, status],
  );
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
  await makeUser("suspended-user@test.local", "uploader", "suspended");
  await makeUser("ratelimit@test.local", "uploader");
  await makeUser("Mixed.Case@Test.local", "creator");
});
afterAll(() => pool.end());

describe("POST /api/v1/auth/token", () => {
  it("returns a short-lived bearer token for good credentials", async () => {
    const r = await api("/api/v1/auth/token", { method: "POST", json: { email: "admin@example.com", password: "demo-password" } });
    expect(r.status).toBe(200);
    expect(r.json.token).toMatch(/^mat_/);
    const ttl = new Date(r.json.expires_at).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(50 * 60_000);
    expect(ttl).toBeLessThanOrEqual(60 * 60_000);
    // stored hashed only
    const stored = await pool.query(`SELECT token_hash FROM api_tokens WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [r.json.token]);
    expect(stored.rowCount).toBe(1);
    expect((await pool.query(`SELECT 1 FROM api_tokens WHERE token_hash = $1`, [r.json.token])).rowCount).toBe(0);
  });

  it("emails are case-insensitive", async () => {
    const r = await api("/api/v1/auth/token", { method: "POST", json: { email: "mixed.case@test.LOCAL", password: "s3cret-pass" } });
    expect(r.status).toBe(200);
  });

  it("401 for a wrong password or unknown user", async () => {
    const r = await api("/api/v1/auth/token", { method: "POST", json: { email: "uploader@example.com", password: "nope" } });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("invalid_credentials");
    const u = await api("/api/v1/auth/token", { method: "POST", json: { email: "nobody@example.com", password: "nope" } });
    expect(u.status).toBe(401);
  });

  it("400 naming the field for malformed JSON and invalid fields", async () => {
    const bad = await api("/api/v1/auth/token", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe("body");
    const noEmail = await api("/api/v1/auth/token", { method: "POST", json: { password: "x" } });
    expect(noEmail.status).toBe(400);
    expect(noEmail.json.error.field).toBe("email");
    const badEmail = await api("/api/v1/auth/token", { method: "POST", json: { email: "not-an-email", password: "x" } });
    expect(badEmail.json.error.field).toBe("email");
    const noPassword = await api("/api/v1/auth/token", { method: "POST", json: { email: "a@b.co" } });
    expect(noPassword.json.error.field).toBe("password");
  });

  it("refuses a suspended user", async () => {
    const r = await api("/api/v1/auth/token", { method: "POST", json: { email: "suspended-user@test.local", password: "s3cret-pass" } });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("account_suspended");
  });

  it("rate-limits repeated failures (429), even with the right password afterwards", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await api("/api/v1/auth/token", { method: "POST", json: { email: "ratelimit@test.local", password: `wrong-${i}` } });
      expect(r.status).toBe(401);
    }
    const r = await api("/api/v1/auth/token", { method: "POST", json: { email: "ratelimit@test.local", password: "s3cret-pass" } });
    expect(r.status).toBe(429);
  });
});

describe("bearer and session access", () => {
  it("a bearer token identifies its user", async () => {
    const token = await tokenFor("creator@example.com");
    const r = await api("/api/v1/me", { token });
    expect(r.status).toBe(200);
    expect(r.json.user).toMatchObject({ email: "creator@example.com", role: "creator" });
  });

  it("a browser session works on the API too", async () => {
    const cookie = await sessionCookie("uploader@example.com");
    const r = await api("/api/v1/me", { cookie });
    expect(r.status).toBe(200);
    expect(r.json.user.role).toBe("uploader");
  });

  it("a token stops working when its user is suspended", async () => {
    await makeUser("soon-suspended@test.local", "uploader");
    const token = await tokenFor("soon-suspended@test.local", "s3cret-pass");
    expect((await api("/api/v1/me", { token })).status).toBe(200);
    await pool.query(`UPDATE users SET status = 'suspended', suspended_at = now() WHERE email = 'soon-suspended@test.local'`);
    expect((await api("/api/v1/me", { token })).status).toBe(401);
  });

  it("expired tokens are refused", async () => {
    const token = await tokenFor("uploader@example.com");
    await pool.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [token]);
    expect((await api("/api/v1/me", { token })).status).toBe(401);
  });
});

describe("401/403 matrix", () => {
  const cases: { path: string; roles: string[] }[] = [
    { path: "/api/v1/me", roles: ["uploader", "creator", "admin"] },
    { path: "/api/v1/tokens", roles: ["uploader", "creator", "admin"] },
    { path: "/api/v1/admin/users", roles: ["admin"] },
  ];
  const users = { uploader: "uploader@example.com", creator: "creator@example.com", admin: "admin@example.com" } as const;

  for (const c of cases) {
    it(`${c.path}: anonymous 401, bad token 401, roles ${c.roles.join("/")} 200, others 403`, async () => {
      const anon = await api(c.path);
      expect(anon.status).toBe(401);
      expect(anon.json.error.code).toBe("unauthorized");
      expect((await api(c.path, { token: "mat_not-a-real-token" })).status).toBe(401);
      expect((await api(c.path, { headers: { authorization: "Basic abc" } })).status).toBe(401);
      for (const [role, email] of Object.entries(users)) {
        const r = await api(c.path, { token: await tokenFor(email) });
        expect(r.status, `${role} on ${c.path}`).toBe(c.roles.includes(role) ? 200 : 403);
      }
    });
  }

  it("admin user list validates its query (400 naming the field)", async () => {
    const token = await tokenFor("admin@example.com");
    const r = await api("/api/v1/admin/users?role=superuser", { token });
    expect(r.status).toBe(400);
    expect(r.json.error.field).toBe("role");
    const p = await api("/api/v1/admin/users?per_page=0", { token });
    expect(p.json.error.field).toBe("per_page");
    const ok = await api("/api/v1/admin/users?role=creator&per_page=5", { token });
    expect(ok.status).toBe(200);
    expect(ok.json.users).toHaveLength(5);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM users WHERE role = 'creator'`);
    expect(ok.json.total).toBe(rows[0].n);
  });
});

describe("personal API tokens", () => {
  it("are created (shown once), listed without the secret, used, and revoked", async () => {
    // created from a browser session (same origin); listed and revoked with a bearer token
    const cookie = await sessionCookie("uploader@example.com");
    const session = await tokenFor("uploader@example.com");
    const created = await api("/api/v1/tokens", { method: "POST", cookie, headers: { origin: baseURL() }, json: { name: "my script" } });
    expect(created.status).toBe(201);
    const personal = created.json.token as string;
    const list = await api("/api/v1/tokens", { token: session });
    const entry = list.json.tokens.find((t: { id: string }) => t.id === created.json.id);
    expect(entry.name).toBe("my script");
    expect(JSON.stringify(list.json)).not.toContain(personal);
    expect((await api("/api/v1/me", { token: personal })).status).toBe(200);
    expect((await api(`/api/v1/tokens/${created.json.id}`, { method: "DELETE", token: session })).status).toBe(200);
    expect((await api("/api/v1/me", { token: personal })).status).toBe(401);
  });

  it("cannot revoke another user's token (404) and validates input", async () => {
    const mine = await tokenFor("uploader@example.com");
    const theirs = await api("/api/v1/tokens", { method: "POST", cookie: await sessionCookie("creator@example.com"), headers: { origin: baseURL() }, json: { name: "x" } });
    expect((await api(`/api/v1/tokens/${theirs.json.id}`, { method: "DELETE", token: mine })).status).toBe(404);
    expect((await api("/api/v1/me", { token: theirs.json.token })).status).toBe(200);
    const bad = await api(`/api/v1/tokens/not-a-uuid`, { method: "DELETE", token: mine });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe("id");
    const noName = await api("/api/v1/tokens", { method: "POST", cookie: await sessionCookie("uploader@example.com"), headers: { origin: baseURL() }, json: { name: "" } });
    expect(noName.json.error.field).toBe("name");
  });
});
