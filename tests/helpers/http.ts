// Real HTTP against `next start`: bearer tokens and next-auth browser sessions.
import { inject } from "vitest";

export const baseURL = () => inject("baseURL");

export async function api(path: string, init: RequestInit & { token?: string; cookie?: string; json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.cookie) headers.set("cookie", init.cookie);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  const res = await fetch(baseURL() + path, { ...init, headers, body, redirect: "manual" });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text, headers: res.headers };
}

export async function tokenFor(email: string, password = "demo-password"): Promise<string> {
  const r = await api("/api/v1/auth/token", { method: "POST", json: { email, password } });
  if (r.status !== 200) throw new Error(`token for ${email}: ${r.status} ${r.text}`);
  return r.json.token;
}

/** Signs in through next-auth's credentials flow and returns the session cookie header. */
export async function sessionCookie(email: string, password = "demo-password"): Promise<string> {
  const csrfRes = await fetch(baseURL() + "/api/auth/csrf");
  const { csrfToken } = await csrfRes.json();
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(baseURL() + "/api/auth/callback/credentials", {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`no session cookie for ${email} (status ${res.status})`);
  return session;
}
