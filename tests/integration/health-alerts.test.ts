// Alert rules end to end against real PostgreSQL, a local webhook receiver
// (node:http on loopback) and the mail outbox: pending → firing after the
// pending period → resolved, one notification per transition, no data as
// configured, silencing and cooldown, and a re-run of a tick sends nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { evaluateAlerts } from "@/lib/health/alerts/evaluate";
import { createRule, getRule } from "@/lib/health/alerts/rules";
import { Recorder } from "@/lib/health/recorder";
import { alertRuleBody } from "@/lib/validation/health";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let tdb: TestDatabase;
let db: Db;
let server: http.Server;
let hookUrl: string;
const received: { path: string; body: { text: string; alert: { state: string; name: string } } }[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createPrisma(tdb.url, 4);
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", body: JSON.parse(body) });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await db.$disconnect();
  await tdb.drop();
});

const T = Date.parse("2026-11-20T10:00:00Z");
const min = (n: number) => new Date(T + n * 60_000);
const rule = (over: Record<string, unknown>) =>
  createRule(db, alertRuleBody.parse({ name: "rule", metric: "route_p95_ms", window_minutes: 5, comparator: "gt", threshold: 100, pending_minutes: 0, min_samples: 1, ...over }));

/** Records `n` requests of `ms` on a route in each minute [from, to). */
async function traffic(route: string, from: number, to: number, ms: number, n = 20, status = 200) {
  const r = new Recorder(async () => db);
  for (let m = from; m < to; m++) for (let i = 0; i < n; i++) r.record(route, "GET", status, ms, T + m * 60_000 + i * 1000);
  await r.flush();
}
const outbox = async (ref?: string) =>
  (await tdb.pool.query(`SELECT to_address, subject, ref, html, text FROM outbox_emails WHERE kind = 'alert' ${ref ? "AND ref = $1" : ""} ORDER BY created_at`, ref ? [ref] : [])).rows;
const hooksFor = (name: string) => received.filter((r) => r.body.alert.name === name).map((r) => r.body.alert.state);

describe("alert evaluation", () => {
  it("goes pending, fires after its pending period, resolves, and sends once per transition", async () => {
    const r = await rule({ name: "slow route", route: "/slow/[id]", pending_minutes: 2, min_samples: 10, recipients: ["ops@example.com", "oncall@example.com"], webhook_url: `${hookUrl}/hook` });
    await traffic("/slow/[id]", -5, 3, 300);
    await traffic("/other", -5, 3, 900); // another route never counts for this rule
    expect(await evaluateAlerts(db, min(0))).toMatchObject({ transitions: 1, notifications: 0 });
    expect((await getRule(db, r.id))!.state).toBe("pending");
    await evaluateAlerts(db, min(1));
    expect((await getRule(db, r.id))!.state).toBe("pending");
    expect(await evaluateAlerts(db, min(2))).toMatchObject({ notifications: 1 });
    const firing = (await getRule(db, r.id))!;
    expect(firing.state).toBe("firing");
    const sent = await outbox();
    expect(sent.map((m) => m.to_address).sort()).toEqual(["oncall@example.com", "ops@example.com"]); // one email per recipient
    expect(sent[0].html).toContain("Alert firing: slow route");
    expect(sent[0].text).toContain("route_p95_ms (/slow/[id], last 5 min)");
    expect(hooksFor("slow route")).toEqual(["firing"]);
    expect(received[0].path).toBe("/hook");
    expect(received[0].body.text).toContain("[FIRING · warning] slow route");
    // the same tick again (another instance, a retry): nothing moves, nothing is sent
    expect(await evaluateAlerts(db, min(2))).toMatchObject({ rules: 0 });
    await evaluateAlerts(db, min(3));
    expect(await outbox()).toHaveLength(2);
    // fast again: after the window has only fast minutes, it resolves once
    await traffic("/slow/[id]", 3, 12, 5);
    for (let m = 4; m <= 9; m++) await evaluateAlerts(db, min(m));
    const resolved = (await getRule(db, r.id))!;
    expect(resolved.state).toBe("normal");
    for (let m = 10; m <= 11; m++) await evaluateAlerts(db, min(m));
    expect(hooksFor("slow route")).toEqual(["firing", "resolved"]);
    const mails = await outbox();
    expect(mails.map((m) => m.subject)).toEqual(["[FIRING · warning] slow route", "[FIRING · warning] slow route", "[RESOLVED] slow route", "[RESOLVED] slow route"]);
    // history: every transition with the value seen (p95 ≈ 300 ms within the bucket bound, then ≈ 5 ms)
    const h = resolved.history.slice().reverse();
    expect(h.map((e) => `${e.from}→${e.to}`)).toEqual(["normal→pending", "pending→firing", "firing→normal"]);
    expect(h[1].value! / 300).toBeGreaterThan(0.9);
    expect(h[1].value! / 300).toBeLessThan(1.1);
    expect(h[1]).toMatchObject({ notification: "firing", delivery: "sent", emails: 2, webhook_status: "HTTP 200", samples: 100 });
    expect(h[2]).toMatchObject({ notification: "resolved", delivery: "sent" });
    expect(h[2].value!).toBeLessThan(10);
  });

  it("handles no data as configured: ok (quiet), keep (unchanged), alerting (fires)", async () => {
    const ok = await rule({ name: "nd ok", metric: "request_rate", route: "/never", comparator: "lt", threshold: 1, no_data: "ok", webhook_url: hookUrl });
    const keep = await rule({ name: "nd keep", metric: "request_rate", route: "/never", comparator: "lt", threshold: 1, no_data: "keep", webhook_url: hookUrl });
    const alerting = await rule({ name: "nd alerting", metric: "route_p99_ms", route: "/never", no_data: "alerting", webhook_url: hookUrl, recipients: ["ops@example.com"] });
    await evaluateAlerts(db, min(20));
    expect((await getRule(db, ok.id))!.state).toBe("no_data");
    expect((await getRule(db, keep.id))!.state).toBe("normal");
    const a = (await getRule(db, alerting.id))!;
    expect(a.state).toBe("firing");
    expect(a.history[0]).toMatchObject({ value: null, notification: "firing", delivery: "sent" });
    expect(a.history[0].message).toContain("no data");
    expect(hooksFor("nd ok")).toEqual([]);
    expect(hooksFor("nd keep")).toEqual([]);
    expect(hooksFor("nd alerting")).toEqual(["firing"]);
    // data arrives (and is fine): the alerting one resolves, the quiet one goes normal without a word
    await traffic("/never", 16, 21, 5, 3);
    await evaluateAlerts(db, min(21));
    expect((await getRule(db, ok.id))!.state).toBe("normal");
    expect((await getRule(db, alerting.id))!.state).toBe("normal");
    expect(hooksFor("nd ok")).toEqual([]);
    expect(hooksFor("nd alerting")).toEqual(["firing", "resolved"]);
  });

  it("min_samples: too few requests are no data, not a verdict", async () => {
    const r = await rule({ name: "few", route: "/few", min_samples: 50, no_data: "ok" });
    await traffic("/few", 25, 30, 999, 2); // 10 slow requests < 50
    await evaluateAlerts(db, min(30));
    const got = (await getRule(db, r.id))!;
    expect(got.state).toBe("no_data");
    expect(got.last_samples).toBe(10);
  });

  it("a silenced rule changes state but sends nothing; cooldown holds a re-fire back", async () => {
    const s = await rule({ name: "silenced", route: "/s", webhook_url: hookUrl, recipients: ["ops@example.com"], silenced_until: min(60).toISOString() });
    const c = await rule({ name: "cooldown", route: "/c", webhook_url: hookUrl, cooldown_minutes: 30 });
    await traffic("/s", 35, 40, 500);
    await traffic("/c", 35, 40, 500);
    await evaluateAlerts(db, min(40));
    const sil = (await getRule(db, s.id))!;
    expect(sil.state).toBe("firing");
    expect(sil.history[0].delivery).toBe("silenced");
    expect(hooksFor("silenced")).toEqual([]);
    expect(await outbox(sil.history[0].id)).toHaveLength(0);
    expect(hooksFor("cooldown")).toEqual(["firing"]);
    // /c recovers, then fires again within 30 minutes: the second firing (and its resolution) are held back
    await traffic("/c", 40, 46, 1);
    await evaluateAlerts(db, min(46));
    await traffic("/c", 46, 52, 500);
    await evaluateAlerts(db, min(52));
    const cool = (await getRule(db, c.id))!;
    expect(cool.state).toBe("firing");
    expect(cool.history[0]).toMatchObject({ to: "firing", delivery: "cooldown" });
    expect(hooksFor("cooldown")).toEqual(["firing", "resolved"]);
  });

  it("a reading that fails puts the rule in error, with the message", async () => {
    const r = await rule({ name: "broken", metric: "queue_depth", threshold: 5 });
    await tdb.pool.query(`UPDATE alert_rules SET metric = 'no_such_metric' WHERE id = $1`, [r.id]);
    await evaluateAlerts(db, min(60));
    const got = (await getRule(db, r.id))!;
    expect(got.state).toBe("error");
    expect(got.last_error).toContain("unknown metric");
  });

  it("refuses bad rules naming the field", () => {
    const bad = (over: Record<string, unknown>) => alertRuleBody.safeParse({ name: "x", metric: "route_p95_ms", window_minutes: 5, comparator: "gt", threshold: 1, ...over });
    expect(bad({ metric: "cpu" }).error?.issues[0].path).toEqual(["metric"]);
    expect(bad({ comparator: "eq" }).error?.issues[0].path).toEqual(["comparator"]);
    expect(bad({ window_minutes: 0 }).error?.issues[0].path).toEqual(["window_minutes"]);
    expect(bad({ recipients: ["not-an-email"] }).error?.issues[0].path).toEqual(["recipients", 0]);
    expect(bad({ webhook_url: "ftp://x" }).error?.issues[0].path).toEqual(["webhook_url"]);
    expect(bad({ queue: "jobs" }).error?.issues[0].path).toEqual(["queue"]);
    expect(bad({}).success).toBe(true);
  });
});
