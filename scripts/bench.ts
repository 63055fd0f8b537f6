// npm run bench [-- --scale small|medium|large] [--reseed] [--runs-factor F] [--explain]
//                   [--spec-days N] [--spec-timeout SECONDS]
// Seeds (or reuses) a dataset of that scale in its own database
// marketplace_bench_<scale> on the same server (never the demo database),
// runs the benchmark suites in order and prints one table. The documented
// target is `--scale large` (the seed takes a few minutes the first time);
// the default is small.
//
// "Now" is fixed: 23:30 UTC of the seed's last day, the worst hour (the live
// part of the day is at its largest), the same whenever the bench runs. A new
// seed's data runs up to that instant; the functions get it as `now`, and the
// `next start` servers the suites start get it as BENCH_NOW (lib/clock.ts).
import cliProgress from "cli-progress";
import { createPrisma } from "../lib/db";
import { ensureDatabase, startEmbedded } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { databaseUrl, EMBEDDED_DATABASE, usingEmbedded, withDatabase } from "../lib/db/url";
import { formatResults, type BenchContext, type BenchResult, type BenchSuite, type Scale } from "../lib/bench/harness";
import { adminDashboardsSuite } from "../lib/bench/admin-dashboards";
import { builderSuite } from "../lib/bench/builder";
import { eventsSuite } from "../lib/bench/events";
import { financialReportsSuite } from "../lib/bench/financial-reports";
import { healthSuite } from "../lib/bench/health";
import { exportsSuite } from "../lib/bench/exports";
import { rollupsSuite } from "../lib/bench/rollups";
import { userDashboardsSuite } from "../lib/bench/user-dashboards";
import { countUsers, seed } from "../prisma/seed";
import { Prisma } from "../lib/generated/prisma/client";
import { utcDay } from "../lib/rollups/days";

/** 23:30 UTC of a day: the bench's "now". */
const benchInstant = (day: string) => new Date(`${day}T23:30:00.000Z`);

/** The suites, in the order they run; later issues add theirs here. */
const SUITES: BenchSuite[] = [rollupsSuite, userDashboardsSuite, adminDashboardsSuite, eventsSuite, financialReportsSuite, healthSuite, exportsSuite, builderSuite];
const SCALES: Scale[] = ["tiny", "small", "medium", "large"];

function parseArgs(argv: string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) continue;
    const [k, v] = a.slice(2).split("=", 2);
    if (v !== undefined) out[k] = v;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) out[k] = argv[++i];
    else out[k] = true;
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const scale = (typeof args.scale === "string" ? args.scale : "small") as Scale;
  if (!SCALES.includes(scale)) throw new Error(`--scale must be one of ${SCALES.join(", ")}`);
  const only = typeof args.suite === "string" ? args.suite.split(",") : null;

  if (usingEmbedded()) await startEmbedded(() => {});
  const name = `marketplace_bench_${scale}`;
  if (name === EMBEDDED_DATABASE) throw new Error("refusing to benchmark in the demo database");
  await ensureDatabase(name, withDatabase(databaseUrl(), "postgres"));
  const url = withDatabase(databaseUrl(), name);
  await migrate(url);

  const users = await countUsers(url);
  if (users === 0 || args.reseed) {
    console.log(`Seeding ${name} (scale ${scale}) …`);
    const bar = new cliProgress.SingleBar({ format: "{bar} {value}/{total} {step} | {duration_formatted}", hideCursor: true }, cliProgress.Presets.shades_classic);
    bar.start(1, 0, { step: "" });
    const r = await seed(url, {
      scale,
      reset: true,
      today: benchInstant(utcDay(new Date())),
      onProgress: (step, done, total) => {
        bar.setTotal(total);
        bar.update(done, { step });
      },
    });
    bar.stop();
    console.log(`Seeded in ${(r.ms / 1000).toFixed(1)} s: ${Object.entries(r.counts).map(([t, n]) => `${t} ${n}`).join(", ")}`);
  } else {
    console.log(`Reusing ${name} (${users} users; --reseed to regenerate)`);
  }

  const db = createPrisma(url, 4);
  const [last] = await db.$queryRaw<{ day: string | null }[]>(Prisma.sql`
    SELECT to_char(GREATEST((SELECT max(created_at) FROM payment_transactions), (SELECT max(completed_at) FROM reviews))
      AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day`);
  if (!last?.day) throw new Error("the bench database has no data");
  const now = benchInstant(last.day);
  console.log(`Bench "now": ${now.toISOString()} (23:30 UTC of the seed's last day)`);
  const runsFactor = typeof args["runs-factor"] === "string" ? Number(args["runs-factor"]) : 1;
  const ctx: BenchContext = { db, url, scale, now, runsFactor, explain: Boolean(args.explain), args, log: (s) => console.log(`  ${s}`) };
  const results: BenchResult[] = [];
  const reports: string[] = [];
  try {
    for (const suite of SUITES) {
      if (only && !only.includes(suite.name)) continue;
      console.log(`Suite ${suite.name}:`);
      const r = await suite.run(ctx);
      results.push(...r.results);
      if (r.report?.length) reports.push(...r.report, "");
      // Each suite's rows as soon as it ends: a later suite that fails does not take them with it.
      console.log(formatResults(r.results) + "\n");
    }
  } finally {
    await db.$disconnect();
  }
  console.log(`\nBenchmark, scale ${scale} (${name}); medians over the runs shown; targets are for scale large\n`);
  console.log(formatResults(results));
  if (reports.length) console.log("\n" + reports.join("\n"));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
