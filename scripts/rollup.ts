// npm run rollup [-- --from YYYY-MM-DD] [--to YYYY-MM-DD]
// Backfills daily_metrics and creator_level_snapshots for every UTC day in the
// range (default: the first day with data … today), one statement per chunk of
// days. Works on a fresh clone: without DATABASE_URL it starts the embedded
// server and applies the migrations first.
import cliProgress from "cli-progress";
import { createPrisma } from "../lib/db";
import { startEmbedded } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { databaseUrl, usingEmbedded } from "../lib/db/url";
import { assertDay, backfill, dayCount, firstDataDay, utcDay } from "../lib/rollups";

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const v = argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
  if (!v || v.startsWith("--")) throw new Error(`--${name} needs a value (YYYY-MM-DD)`);
  return v;
}

async function main() {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log("usage: npm run rollup [-- --from YYYY-MM-DD] [--to YYYY-MM-DD]   (default: first day with data … today, UTC)");
    return;
  }
  const fromArg = arg("from");
  const toArg = arg("to");
  if (fromArg) assertDay(fromArg, "--from");
  if (toArg) assertDay(toArg, "--to");

  if (usingEmbedded()) await startEmbedded(() => {});
  const url = databaseUrl();
  const m = await migrate(url);
  if (m.applied.length) console.log(`Applied ${m.applied.length} migration(s)`);

  const db = createPrisma(url, 2);
  try {
    const from = fromArg ?? (await firstDataDay(db));
    const to = toArg ?? utcDay(new Date());
    if (!from) return console.log("No data yet: nothing to roll up.");
    if (from > to) throw new Error(`--from ${from} is after --to ${to}`);
    console.log(`Rolling up ${from} … ${to} (${dayCount(from, to)} days)`);

    const bar = new cliProgress.SingleBar(
      { format: "{bar} {percentage}% | {value}/{total} day-steps | {phase} {chunk} | {duration_formatted}", hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(2 * dayCount(from, to), 0, { phase: "daily_metrics", chunk: "" });
    const r = await backfill(db, {
      from,
      to,
      onProgress: (p) => bar.update(p.done, { phase: p.phase, chunk: `${p.chunk.from}…${p.chunk.to}` }),
    });
    bar.stop();
    if (r) {
      console.log(
        `daily_metrics: ${r.days} days in ${(r.ms.dailyMetrics / 1000).toFixed(1)} s; ` +
          `creator_level_snapshots: ${r.snapshotRows} rows in ${(r.ms.snapshots / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
