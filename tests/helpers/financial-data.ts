// Generated rows for the financial report tests, kept in memory too so the
// tests compute every expected figure in plain TypeScript over them (local
// dates from Intl, never from PostgreSQL). Timestamps crowd the edges the
// reports care about: New York midnights around both 2026 DST changes (and
// ±1 ms), UTC midnights, and the 2025/2026 tax-year boundary. Every status is
// present, including rows no total may count. The 1099 creators are paid
// exactly at, 1 cent under and 1 cent over each year's threshold.
import type pg from "pg";
import { Rng } from "./fake-data";

export type Tx = { id: string; uploader_id: string; upload_id: string; type: "charge" | "refund"; status: string; cents: number; method: string; at: number; parent?: string };
export type Payout = { id: string; creator_id: string; cents: number; status: string; method: string; requested: number; completed: number | null };
export type Asg = { id: string; creator_id: string; status: string; cents: number; completed: number | null };
export type Person = { id: string; name: string; email: string; us: boolean; tin: string | null; role: string };
export type FinancialData = { users: Person[]; tx: Tx[]; payouts: Payout[]; asg: Asg[]; tax: Record<string, { name: string; year: number; cents: number }> };

const DAY = 86_400_000;
const H = 3_600_000;
const money = (cents: number) => `${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;

/** Local midnights of America/New_York for the days around each 2026 DST change, and UTC midnights, with ±1 ms. */
function edges(): number[] {
  const out: number[] = [];
  const add = (t: number) => out.push(t - 1, t, t + 1);
  for (const [from, days] of [["2026-02-27", 26], ["2026-10-25", 16]] as const) {
    for (let d = 0; d < days; d++) {
      const utc = Date.parse(`${from}T00:00:00Z`) + d * DAY;
      add(utc);
      // New York midnight: 05:00Z in winter (EST), 04:00Z in summer (EDT)
      add(utc + 5 * H);
      add(utc + 4 * H);
    }
  }
  return out;
}

const WINDOWS: [number, number][] = [
  [Date.parse("2026-02-25T00:00:00Z"), Date.parse("2026-03-25T00:00:00Z")],
  [Date.parse("2026-10-20T00:00:00Z"), Date.parse("2026-11-12T00:00:00Z")],
];

export async function insertFinancialData(db: pg.Pool, seed: number): Promise<FinancialData> {
  const rng = new Rng(seed);
  const EDGES = edges();
  // no row at the last millisecond of March UTC: the dashboard's "month" compared with the report ends there
  const at = (): number => {
    let t: number;
    do {
      if (rng.chance(0.45)) t = rng.pick(EDGES);
      else {
        const [a, b] = rng.pick(WINDOWS);
        t = a + Math.floor(rng.next() * (b - a));
      }
    } while (t === Date.parse("2026-03-31T23:59:59.999Z"));
    return t;
  };

  const users: Person[] = [];
  const person = (role: string, name: string, us = false, tin: string | null = null) => {
    const p = { id: rng.uuid(), role, name, email: `${name.toLowerCase().replace(/\W+/g, ".")}.${users.length}@fin.test`, us, tin };
    users.push(p);
    return p;
  };
  const uploaders = Array.from({ length: 5 }, (_, i) => person("uploader", `Uploader ${i}`));
  // two creators share a name: ties are ordered by id
  const creators = Array.from({ length: 10 }, (_, i) => person("creator", `Creator ${i === 3 ? 2 : i}`, i % 3 === 0, i % 3 === 0 ? String(1000 + i) : null));

  const outputType = rng.uuid();
  const uploads = Array.from({ length: 60 }, () => ({ id: rng.uuid(), uploader: rng.pick(uploaders).id }));

  // charges: distinct amounts within an upload, so a full refund's charge is unambiguous
  const tx: Tx[] = [];
  for (const up of uploads) {
    const n = rng.int(1, 4);
    const amounts = new Set<number>();
    for (let k = 0; k < n; k++) {
      let cents: number;
      do cents = rng.int(500, 9000); while (amounts.has(cents));
      amounts.add(cents);
      const status = rng.weighted([["succeeded", 8], ["pending", 1], ["failed", 1]] as const);
      tx.push({ id: rng.uuid(), uploader_id: up.uploader, upload_id: up.id, type: "charge", status, cents, method: rng.pick(["card", "paypal"]), at: at() });
    }
  }
  // refunds of succeeded charges: full ones (any upload), half ones only where the upload has one charge
  const charges = tx.filter((t) => t.status === "succeeded");
  for (const c of charges) {
    if (!rng.chance(0.3)) continue;
    const single = charges.filter((x) => x.upload_id === c.upload_id).length === 1 && tx.filter((x) => x.upload_id === c.upload_id).length === 1;
    const half = single && rng.chance(0.5);
    const cents = half ? Math.floor(c.cents / 2) : c.cents;
    let t = at();
    if (t < c.at) t = c.at + rng.int(0, 3 * DAY);
    const status = rng.weighted([["succeeded", 8], ["pending", 1], ["failed", 1]] as const);
    tx.push({ id: rng.uuid(), uploader_id: c.uploader_id, upload_id: c.upload_id, type: "refund", status, cents, method: c.method, at: t, parent: c.id });
  }

  // approved (counted) and rejected (not counted) work
  const asg: Asg[] = [];
  for (let i = 0; i < 300; i++) {
    const status = rng.weighted([["approved", 6], ["rejected", 2], ["claimed", 1]] as const);
    asg.push({ id: rng.uuid(), creator_id: rng.pick(creators).id, status, cents: rng.int(300, 4000), completed: status === "claimed" ? null : at() });
  }

  const payouts: Payout[] = [];
  for (let i = 0; i < 250; i++) {
    const status = rng.weighted([["completed", 6], ["pending", 1], ["processing", 1], ["failed", 1]] as const);
    const requested = at();
    const completed = status === "completed" ? (rng.chance(0.4) ? at() : requested + rng.int(1, 5 * DAY)) : null;
    payouts.push({ id: rng.uuid(), creator_id: rng.pick(creators).id, cents: rng.int(100, 50000), status, method: "stripe", requested, completed: completed && completed < requested ? requested : completed });
  }

  // 1099: US creators paid exactly at, just under and just over each year's threshold, one reportable without a TIN
  const tax: FinancialData["tax"] = {};
  const taxCreator = (name: string, us: boolean, tin: string | null, year: number, cents: number, parts: number) => {
    const c = person("creator", name, us, tin);
    tax[c.id] = { name, year, cents };
    const lo = Date.parse(`${year}-01-01T00:00:00Z`);
    const times = [lo, lo + 1, Date.parse(`${year}-12-31T23:59:59.999Z`), lo + 100 * DAY];
    let left = cents;
    for (let k = 0; k < parts; k++) {
      const part = k === parts - 1 ? left : Math.floor(cents / parts);
      left -= part;
      const t = times[k % times.length];
      payouts.push({ id: rng.uuid(), creator_id: c.id, cents: part, status: "completed", method: "bank_transfer", requested: t - H, completed: t });
    }
    // never counted: failed and pending payouts in the year, and completed ones just outside it
    payouts.push({ id: rng.uuid(), creator_id: c.id, cents: 99999, status: "failed", method: "bank_transfer", requested: lo + 5 * DAY, completed: null });
    payouts.push({ id: rng.uuid(), creator_id: c.id, cents: 77777, status: "pending", method: "bank_transfer", requested: lo + 6 * DAY, completed: null });
    payouts.push({ id: rng.uuid(), creator_id: c.id, cents: 55555, status: "completed", method: "bank_transfer", requested: lo - 2 * H, completed: lo - 1 });
    payouts.push({ id: rng.uuid(), creator_id: c.id, cents: 44444, status: "completed", method: "bank_transfer", requested: lo + 364 * DAY, completed: Date.parse(`${year + 1}-01-01T00:00:00Z`) });
    return c;
  };
  taxCreator("Tax 2025 at", true, "1111", 2025, 60000, 3);
  taxCreator("Tax 2025 under", true, "2222", 2025, 59999, 2);
  taxCreator("Tax 2025 over", true, null, 2025, 60001, 4);
  taxCreator("Tax 2026 at", true, "3333", 2026, 200000, 3);
  taxCreator("Tax 2026 under", true, "4444", 2026, 199999, 2);
  taxCreator("Tax 2026 over", true, "5555", 2026, 200001, 1);
  taxCreator("Tax 2026 no TIN", true, null, 2026, 250000, 2);
  taxCreator("Tax 2026 abroad", false, null, 2026, 900000, 2);

  const rows = async (table: string, cols: [string, string][], data: unknown[][]) => {
    if (!data.length) return;
    const arrays = cols.map((_, i) => data.map((r) => r[i] ?? null));
    await db.query(`INSERT INTO ${table} (${cols.map((c) => c[0]).join(", ")}) SELECT * FROM unnest(${cols.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ")})`, arrays);
  };
  const iso = (t: number | null) => (t == null ? null : new Date(t).toISOString());
  await rows("users", [["id", "uuid"], ["role", "user_role"], ["email", "text"], ["name", "text"], ["password_hash", "text"], ["is_us_person", "boolean"], ["tin_last4", "text"], ["created_at", "timestamptz"]],
    users.map((u) => [u.id, u.role, u.email, u.name, "x", u.us, u.tin, "2024-01-01T00:00:00Z"]));
  await rows("output_types", [["id", "uuid"], ["code", "text"], ["name", "text"], ["price", "numeric"], ["creator_payout", "numeric"]], [[outputType, `fin-${seed}`, "Fin", "10.00", "6.00"]]);
  await rows("uploads", [["id", "uuid"], ["uploader_id", "uuid"], ["title", "text"], ["status", "upload_status"], ["file_size_bytes", "bigint"], ["created_at", "timestamptz"]],
    uploads.map((u, i) => [u.id, u.uploader, `Upload ${i}`, "completed", 1000, "2024-01-01T00:00:00Z"]));
  await rows("assignments", [["id", "uuid"], ["upload_id", "uuid"], ["output_type_id", "uuid"], ["creator_id", "uuid"], ["status", "assignment_status"], ["price", "numeric"], ["creator_payout", "numeric"], ["completed_at", "timestamptz"], ["created_at", "timestamptz"]],
    asg.map((a) => [a.id, uploads[0].id, outputType, a.creator_id, a.status, "10.00", money(a.cents), iso(a.completed), "2024-01-01T00:00:00Z"]));
  await rows("payment_transactions", [["id", "uuid"], ["uploader_id", "uuid"], ["upload_id", "uuid"], ["type", "transaction_type"], ["status", "transaction_status"], ["amount", "numeric"], ["method", "text"], ["created_at", "timestamptz"]],
    tx.map((t) => [t.id, t.uploader_id, t.upload_id, t.type, t.status, money(t.cents), t.method, iso(t.at)]));
  await rows("payouts", [["id", "uuid"], ["creator_id", "uuid"], ["amount", "numeric"], ["status", "payout_status"], ["method", "text"], ["requested_at", "timestamptz"], ["completed_at", "timestamptz"]],
    payouts.map((p) => [p.id, p.creator_id, money(p.cents), p.status, p.method, iso(p.requested), iso(p.completed)]));
  return { users, tx, payouts, asg, tax };
}

export { money };
