// Financial reports against a real PostgreSQL: every row and total of every
// report equals a plain-TypeScript computation over the generated rows (local
// days from Intl, not from PostgreSQL), in UTC and in America/New_York across
// both 2026 DST changes, by day, week and month; the 1099 years on each side
// of 2026 with creators exactly at, just under and just over the thresholds;
// and the revenue totals equal the admin platform dashboard's numbers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDashboard } from "@/lib/analytics/platform";
import { createPrisma, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { RowTotals } from "@/lib/runs/row-totals";
import { financialReportPlan } from "@/lib/reports/financial";
import { previewFinancialReport } from "@/lib/reports/financial/preview";
import { necThreshold } from "@/lib/reports/financial/tax-1099";
import type { ReportPlan } from "@/lib/reports/types";
import { financialPreviewRequest, type FinancialParams } from "@/lib/validation/reports";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { insertFinancialData, type FinancialData } from "../helpers/financial-data";

let t: TestDatabase;
let db: Db;
let data: FinancialData;

beforeAll(async () => {
  t = await createTestDatabase();
  db = createPrisma(t.url, 2);
  data = await insertFinancialData(t.pool, 909);
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.drop();
});

// ---- running a plan the way the run engine does: pg, the Sql's text and values ----
type Row = Record<string, unknown>;
const q = async (sql: Prisma.Sql): Promise<Row[]> => (await t.pool.query(sql.text, sql.values as unknown[])).rows;
const cents = (v: unknown) => Math.round(Number(v) * 100);
const iso = (v: unknown) => (v == null ? null : (v as Date).toISOString());
async function run(p: Omit<FinancialParams, "group_by" | "timezone"> & Partial<FinancialParams>) {
  const params = financialPreviewRequest.parse(p) as FinancialParams;
  const plan = financialReportPlan(params);
  const datasets = await Promise.all(plan.datasets.map((d) => q(d.sql)));
  const [totals] = await q(plan.totalsSql!);
  const [{ n }] = await q(plan.countSql);
  // every plan: the row count is countSql's, the SELECT's columns are the declared ones
  expect(Number(n)).toBe(datasets[0].length);
  plan.datasets.forEach((d, i) => {
    if (datasets[i].length) expect(Object.keys(datasets[i][0])).toEqual(d.columns.map((c) => c.key));
  });
  // totals = the sum of the rows, for every money/integer total
  for (const [k, v] of Object.entries(totals)) {
    const col = plan.datasets[0].columns.find((c) => c.key === k);
    expect(col, `total ${k} is a column`).toBeTruthy();
    expect(cents(v), `total ${k}`).toBe(datasets[0].reduce((s, r) => s + cents(r[k]), 0));
  }
  // the totals a run sums from the streamed rows (instead of totalsSql) are the same, to the text
  if (plan.totalsFromRows) {
    const summed = new RowTotals(plan.datasets[0].columns.filter((c) => plan.totalsFromRows!.includes(c.key)));
    summed.add(datasets[0]);
    expect(summed.result()).toEqual(Object.fromEntries(plan.totalsFromRows.map((k) => [k, totals[k]])));
  }
  return { params, plan, rows: datasets[0], second: datasets[1], totals };
}

// ---- the independent side: local days with Intl, buckets by plain date arithmetic ----
const fmts = new Map<string, Intl.DateTimeFormat>();
function localDay(at: number, tz: string): string {
  let f = fmts.get(tz);
  if (!f) fmts.set(tz, (f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" })));
  return f.format(new Date(at));
}
function bucketKey(day: string, unit: string): string {
  if (unit === "day") return day;
  if (unit === "month") return `${day.slice(0, 7)}-01`;
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
function bucketsOf(p: FinancialParams): string[] {
  const out: string[] = [];
  for (let d = new Date(`${p.start_date}T00:00:00Z`); d.toISOString().slice(0, 10) <= p.end_date; d.setUTCDate(d.getUTCDate() + 1)) {
    const k = bucketKey(d.toISOString().slice(0, 10), p.group_by);
    if (out[out.length - 1] !== k) out.push(k);
  }
  return out;
}
const inPeriod = (at: number | null, p: FinancialParams) => {
  if (at == null) return false;
  const d = localDay(at, p.timezone);
  return d >= p.start_date && d <= p.end_date;
};
const bucketOfAt = (at: number, p: FinancialParams) => bucketKey(localDay(at, p.timezone), p.group_by);
const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);
const nameOf = (id: string) => data.users.find((u) => u.id === id)!.name;
const byTimeThenId = <T extends { id: string }>(time: (x: T) => number) => (a: T, b: T) => time(a) - time(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** ORDER BY name, id (names here sort the same in every collation) */
const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function expectedRevenue(p: FinancialParams) {
  const tx = data.tx.filter((x) => x.status === "succeeded" && inPeriod(x.at, p));
  const po = data.payouts.filter((x) => x.status === "completed" && inPeriod(x.completed, p));
  const ea = data.asg.filter((x) => x.status === "approved" && inPeriod(x.completed, p));
  return bucketsOf(p).map((b) => {
    const inB = <T>(xs: T[], at: (x: T) => number) => xs.filter((x) => bucketOfAt(at(x), p) === b);
    const charges = sum(inB(tx, (x) => x.at).filter((x) => x.type === "charge"), (x) => x.cents);
    const refunds = sum(inB(tx, (x) => x.at).filter((x) => x.type === "refund"), (x) => x.cents);
    const payouts = sum(inB(po, (x) => x.completed!), (x) => x.cents);
    const earnings = sum(inB(ea, (x) => x.completed!), (x) => x.cents);
    return {
      bucket: b, charges, refunds, net_revenue: charges - refunds, transaction_count: inB(tx, (x) => x.at).length, payouts,
      platform_margin: charges - refunds - payouts, creator_earnings: earnings, accrued_margin: charges - refunds - earnings,
    };
  });
}
const MONEY_KEYS = ["charges", "refunds", "net_revenue", "payouts", "platform_margin", "creator_earnings", "accrued_margin"];
const revenueRow = (r: Row) => ({ ...Object.fromEntries(MONEY_KEYS.map((k) => [k, cents(r[k])])), bucket: r.bucket, transaction_count: r.transaction_count });

const RANGES = [
  { start_date: "2026-03-01", end_date: "2026-03-21" }, // spring forward, 8 March in New York
  { start_date: "2026-10-26", end_date: "2026-11-08" }, // fall back, 1 November
  { start_date: "2026-02-25", end_date: "2026-11-12" }, // both
];
const ZONES = ["America/New_York", "UTC"];
const UNITS = ["day", "week", "month"] as const;

describe("revenue", () => {
  for (const range of RANGES) for (const timezone of ZONES) for (const group_by of UNITS) {
    it(`${range.start_date}…${range.end_date} ${timezone} by ${group_by}`, async () => {
      const { rows, totals, plan } = await run({ report_type: "revenue", ...range, timezone, group_by });
      const want = expectedRevenue({ report_type: "revenue", ...range, timezone, group_by });
      expect(rows.map(revenueRow)).toEqual(want.map((w) => ({ ...w })));
      for (const k of MONEY_KEYS) expect(cents(totals[k])).toBe(sum(want, (w) => (w as unknown as Record<string, number>)[k]));
      expect(totals.transaction_count).toBe(sum(want, (w) => w.transaction_count));
      expect(plan.fileStem).toBe(`revenue_${range.start_date}_${range.end_date}`);
    });
  }

  it("a New York day around DST has its own rows: the 23-hour 8 March and the 25-hour 1 November", async () => {
    const spring = expectedRevenue({ report_type: "revenue", start_date: "2026-03-08", end_date: "2026-03-08", timezone: "America/New_York", group_by: "day" });
    const fall = expectedRevenue({ report_type: "revenue", start_date: "2026-11-01", end_date: "2026-11-01", timezone: "America/New_York", group_by: "day" });
    expect(spring[0].transaction_count + fall[0].transaction_count).toBeGreaterThan(0);
    // a row 1 ms before New York's midnight of 9 March (04:00Z, EDT) is on 8 March; at 04:00Z it is the 9th
    expect(localDay(Date.parse("2026-03-09T03:59:59.999Z"), "America/New_York")).toBe("2026-03-08");
    expect(localDay(Date.parse("2026-03-09T04:00:00.000Z"), "America/New_York")).toBe("2026-03-09");
  });

  it("its totals equal the admin platform dashboard's for the same range (March, UTC)", async () => {
    const { totals } = await run({ report_type: "revenue", start_date: "2026-03-01", end_date: "2026-03-31", group_by: "week" });
    const d = await platformDashboard(db, { period: "month", now: new Date("2026-03-31T23:59:59.999Z") });
    const s = d.summary;
    expect(cents(totals.charges)).toBe(cents(s.revenue));
    expect(cents(totals.refunds)).toBe(cents(s.refunds));
    expect(cents(totals.net_revenue)).toBe(cents(s.net_revenue));
    expect(cents(totals.payouts)).toBe(cents(s.payouts));
    expect(cents(totals.platform_margin)).toBe(cents(s.margin));
    expect(cents(totals.creator_earnings)).toBe(cents(s.creator_earnings));
    expect(cents(totals.accrued_margin)).toBe(cents(s.accrued_margin));
    expect(totals.transaction_count).toBe(s.transaction_count);
    expect(s.transaction_count).toBeGreaterThan(0);
  });
});

describe("transactions", () => {
  for (const range of RANGES.slice(0, 2)) for (const timezone of ZONES) {
    it(`${range.start_date}…${range.end_date} ${timezone}: every transaction of the period, oldest first`, async () => {
      const p = { report_type: "transactions" as const, ...range, timezone, group_by: "day" as const };
      const { rows, totals } = await run(p);
      const want = data.tx.filter((x) => inPeriod(x.at, p)).sort(byTimeThenId((x) => x.at));
      expect(rows.map((r) => [r.transaction_id, iso(r.created_at), r.type, r.status, cents(r.amount), cents(r.net_amount), r.method, r.uploader_id, r.uploader_name, r.upload_id]))
        .toEqual(want.map((x) => [x.id, new Date(x.at).toISOString(), x.type, x.status, x.cents,
          x.status !== "succeeded" ? 0 : x.type === "charge" ? x.cents : -x.cents, x.method, x.uploader_id, nameOf(x.uploader_id), x.upload_id]));
      const net = sum(want.filter((x) => x.status === "succeeded"), (x) => (x.type === "charge" ? x.cents : -x.cents));
      expect(cents(totals.net_amount)).toBe(net);
      // the net revenue effect totals to the revenue report's net revenue
      const rev = await run({ ...p, report_type: "revenue" });
      expect(cents(rev.totals.net_revenue)).toBe(net);
    });
  }
});

describe("refunds", () => {
  for (const range of RANGES.slice(0, 2)) for (const group_by of ["day", "week"] as const) {
    it(`${range.start_date}…${range.end_date} New York by ${group_by}: succeeded refunds with their charge, and per bucket`, async () => {
      const p = { report_type: "refunds" as const, ...range, timezone: "America/New_York", group_by };
      const { rows, second, totals } = await run(p);
      const want = data.tx.filter((x) => x.type === "refund" && x.status === "succeeded" && inPeriod(x.at, p)).sort(byTimeThenId((x) => x.at));
      expect(want.length).toBeGreaterThan(0);
      const charge = (id: string) => data.tx.find((x) => x.id === id)!;
      expect(rows.map((r) => [r.refund_id, iso(r.created_at), cents(r.amount), r.charge_id, cents(r.charge_amount), iso(r.charge_created_at), r.uploader_name]))
        .toEqual(want.map((x) => [x.id, new Date(x.at).toISOString(), x.cents, x.parent, charge(x.parent!).cents, new Date(charge(x.parent!).at).toISOString(), nameOf(x.uploader_id)]));
      expect(cents(totals.amount)).toBe(sum(want, (x) => x.cents));
      expect(second!.map((r) => [r.bucket, r.refund_count, cents(r.refund_amount)])).toEqual(
        bucketsOf(p).map((b) => {
          const inB = want.filter((x) => bucketOfAt(x.at, p) === b);
          return [b, inB.length, sum(inB, (x) => x.cents)];
        }));
    });
  }
});

describe("payouts", () => {
  for (const range of RANGES.slice(0, 2)) for (const group_by of ["day", "week"] as const) {
    it(`${range.start_date}…${range.end_date} New York by ${group_by}: each payout on its date, and per bucket`, async () => {
      const p = { report_type: "payouts" as const, ...range, timezone: "America/New_York", group_by };
      const { rows, second, totals } = await run(p);
      const dateOf = (x: FinancialData["payouts"][number]) => (x.status === "completed" ? x.completed! : x.requested);
      const want = data.payouts.filter((x) => inPeriod(dateOf(x), p)).sort(byTimeThenId(dateOf));
      expect(rows.map((r) => [r.payout_id, iso(r.payout_date), r.creator_name, r.status, cents(r.amount), cents(r.paid_amount), iso(r.requested_at), iso(r.completed_at)]))
        .toEqual(want.map((x) => [x.id, new Date(dateOf(x)).toISOString(), nameOf(x.creator_id), x.status, x.cents, x.status === "completed" ? x.cents : 0,
          new Date(x.requested).toISOString(), x.completed == null ? null : new Date(x.completed).toISOString()]));
      const paid = sum(want.filter((x) => x.status === "completed"), (x) => x.cents);
      expect(cents(totals.paid_amount)).toBe(paid);
      const rev = await run({ ...p, report_type: "revenue" });
      expect(cents(rev.totals.payouts)).toBe(paid);
      expect(second!.map((r) => [r.bucket, r.completed_count, cents(r.completed_amount), r.pending_count, cents(r.pending_amount), r.failed_count, cents(r.failed_amount)]))
        .toEqual(bucketsOf(p).map((b) => {
          const inB = want.filter((x) => bucketOfAt(dateOf(x), p) === b);
          const of = (st: string[]) => inB.filter((x) => st.includes(x.status));
          return [b, of(["completed"]).length, sum(of(["completed"]), (x) => x.cents), of(["pending", "processing"]).length,
            sum(of(["pending", "processing"]), (x) => x.cents), of(["failed"]).length, sum(of(["failed"]), (x) => x.cents)];
        }));
    });
  }
});

describe("outstanding balances", () => {
  for (const [end_date, timezone] of [["2026-03-08", "America/New_York"], ["2026-11-01", "America/New_York"], ["2026-03-10", "UTC"]]) {
    it(`as of the end of ${end_date} (${timezone})`, async () => {
      const p = { report_type: "outstanding_balances" as const, start_date: "2026-01-01", end_date, timezone, group_by: "day" as const };
      const { rows, totals, plan } = await run(p);
      // the end of end_date: the first instant whose local day is after it
      const before = (at: number | null) => at != null && localDay(at, timezone) <= end_date;
      const want = data.users.filter((u) => u.role === "creator").map((u) => {
        const earned = sum(data.asg.filter((a) => a.creator_id === u.id && a.status === "approved" && before(a.completed)), (a) => a.cents);
        const mine = data.payouts.filter((x) => x.creator_id === u.id && x.status !== "failed" && before(x.requested));
        const paid = sum(mine.filter((x) => x.status === "completed" && before(x.completed)), (x) => x.cents);
        const flight = sum(mine.filter((x) => !(x.status === "completed" && before(x.completed))), (x) => x.cents);
        const any = data.asg.some((a) => a.creator_id === u.id && a.status === "approved" && before(a.completed)) || mine.length > 0;
        return { id: u.id, name: u.name, earned, paid, flight, available: earned - paid - flight, any };
      }).filter((x) => x.any).sort(byNameThenId);
      expect(rows.map((r) => [r.creator_id, r.creator_name, cents(r.earned_to_date), cents(r.paid), cents(r.in_flight), cents(r.available_balance)]))
        .toEqual(want.map((w) => [w.id, w.name, w.earned, w.paid, w.flight, w.available]));
      expect(cents(totals.available_balance)).toBe(sum(want, (w) => w.available));
      expect(plan.fileStem).toBe(`outstanding_balances_${end_date}`);
    });
  }
});

describe("1099-NEC", () => {
  it("thresholds: $600 through 2025, $2,000 from 2026", () => {
    expect([2024, 2025, 2026, 2027].map(necThreshold)).toEqual(["600.00", "600.00", "2000.00", "2000.00"]);
  });
  for (const [start_date, end_date, year] of [["2025-01-01", "2025-12-31", 2025], ["2025-07-01", "2026-06-30", 2026]] as const) {
    it(`tax year ${year} (of end_date ${end_date}): US creators, paid in the UTC year, reportable at the threshold`, async () => {
      const p = { report_type: "tax_1099" as const, start_date, end_date, timezone: "America/New_York", group_by: "month" as const };
      const { rows, totals, plan } = await run(p);
      const threshold = year >= 2026 ? 200000 : 60000;
      const lo = Date.parse(`${year}-01-01T00:00:00Z`);
      const hi = Date.parse(`${year + 1}-01-01T00:00:00Z`);
      const want = data.users.filter((u) => u.role === "creator" && u.us).map((u) => {
        const mine = data.payouts.filter((x) => x.creator_id === u.id && x.status === "completed" && x.completed! >= lo && x.completed! < hi);
        const paid = sum(mine, (x) => x.cents);
        return { id: u.id, name: u.name, email: u.email, tin: u.tin, paid, n: mine.length, reportable: paid >= threshold, missing: paid >= threshold && u.tin == null };
      }).filter((w) => w.n > 0).sort(byNameThenId);
      expect(rows.map((r) => [r.creator_id, r.legal_name, r.email, r.tin_last4, r.tax_year, cents(r.total_paid), r.payout_count, cents(r.threshold), r.reportable, r.missing_tin]))
        .toEqual(want.map((w) => [w.id, w.name, w.email, w.tin, year, w.paid, w.n, threshold, w.reportable, w.missing]));
      expect(cents(totals.total_paid)).toBe(sum(want, (w) => w.paid));
      expect(plan.fileStem).toBe(`tax_1099_${year}`);
      // the planted creators: at and over are reportable, under is not; the one without a TIN is flagged; abroad is absent
      const row = (name: string) => rows.find((r) => r.legal_name === name);
      expect(cents(row(`Tax ${year} at`)!.total_paid)).toBe(threshold);
      expect(row(`Tax ${year} at`)!.reportable).toBe(true);
      expect(row(`Tax ${year} under`)!.reportable).toBe(false);
      expect(row(`Tax ${year} over`)!.reportable).toBe(true);
      expect(rows.filter((r) => r.missing_tin).map((r) => r.legal_name)).toEqual(year === 2025 ? ["Tax 2025 over"] : ["Tax 2026 no TIN"]);
      expect(row("Tax 2026 abroad")).toBeUndefined();
    });
  }
});

describe("preview", () => {
  it("first rows, totals and row count of the same plan, as JSON", async () => {
    const params = financialPreviewRequest.parse({ report_type: "transactions", start_date: "2026-03-01", end_date: "2026-03-21", timezone: "America/New_York" }) as FinancialParams;
    const full = await run(params);
    const p = await previewFinancialReport(db, params, 5);
    expect(p.estimated_rows).toBe(full.rows.length);
    expect(p.rows.map((r) => r.transaction_id)).toEqual(full.rows.slice(0, 5).map((r) => r.transaction_id));
    expect(p.rows[0].created_at).toBe(iso(full.rows[0].created_at));
    expect(typeof p.rows[0].amount).toBe("number");
    expect(cents(p.totals!.net_amount)).toBe(cents(full.totals.net_amount));
    expect(p.columns.map((c) => c.key)).toEqual(Object.keys(full.rows[0]));
    expect(p.file_stem).toBe("transactions_2026-03-01_2026-03-21");
  });
  it("an empty period: no rows, zero totals", async () => {
    const p = await previewFinancialReport(db, financialPreviewRequest.parse({ report_type: "payouts", start_date: "2020-01-01", end_date: "2020-01-31" }) as FinancialParams);
    expect(p.rows).toEqual([]);
    expect(p.estimated_rows).toBe(0);
    expect(p.totals).toEqual({ amount: 0, paid_amount: 0 });
  });
});

// plans are plain data: the same parameters give the same SQL and values (a retried run streams the same rows)
it("plans are deterministic", () => {
  const p = financialPreviewRequest.parse({ report_type: "revenue", start_date: "2026-01-01", end_date: "2026-03-31" }) as FinancialParams;
  const a: ReportPlan = financialReportPlan(p);
  const b = financialReportPlan(p);
  expect(a.datasets[0].sql.text).toBe(b.datasets[0].sql.text);
  expect(a.datasets[0].sql.values).toEqual(b.datasets[0].sql.values);
});
