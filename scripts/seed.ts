// npm run db:seed -- [--scale tiny|small|medium|large] [--today YYYY-MM-DD] [--reset | --if-empty]
// Thin CLI over prisma/seed: parses and checks the arguments, makes sure a
// migrated database is there, shows progress, prints what was loaded.
import { progressReporter } from "../lib/progress";
import { startEmbedded } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { databaseUrl, usingEmbedded } from "../lib/db/url";
import { countUsers, DEMO_ACCOUNTS, DEMO_PASSWORD, SCALE_NAMES, seed, SeedRefusedError, type Scale } from "../prisma/seed";

const USAGE = `usage: npm run db:seed -- [options]

  --scale NAME      tiny | small | medium | large (default: small)
  --today DATE      anchor the data at DATE (YYYY-MM-DD, taken as 12:00 UTC that day,
                    or a full ISO timestamp); default: now. Same scale and anchor,
                    same rows.
  --reset           empty the marketplace tables first
  --if-empty        do nothing if the database already has users
  -h, --help        show this help`;

type Args = { scale: Scale; today?: Date; reset: boolean; ifEmpty: boolean };

class UsageError extends Error {}

/** Accepts "--name value" and "--name=value". */
function parseArgs(argv: string[]): Args | "help" {
  const args: Args = { scale: "small", reset: false, ifEmpty: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "-h":
      case "--help":
        return "help";
      case "--scale": {
        const v = value();
        if (!(SCALE_NAMES as readonly string[]).includes(v)) {
          throw new UsageError(`unknown scale "${v}" (expected ${SCALE_NAMES.join(", ")})`);
        }
        args.scale = v as Scale;
        break;
      }
      case "--today":
        args.today = parseToday(value());
        break;
      case "--reset":
      case "--if-empty":
        if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
        if (flag === "--reset") args.reset = true;
        else args.ifEmpty = true;
        break;
      default:
        throw new UsageError(`unknown argument "${argv[i]}"`);
    }
  }
  if (args.reset && args.ifEmpty) throw new UsageError("--reset and --if-empty contradict each other; choose one");
  return args;
}

/** A calendar day means 12:00 UTC of it: "today" then has half a day of live data. */
function parseToday(v: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (day) {
    const d = new Date(Date.UTC(+day[1], +day[2] - 1, +day[3], 12));
    if (d.getUTCDate() !== +day[3] || d.getUTCMonth() !== +day[2] - 1) throw new UsageError(`--today: no such date "${v}"`);
    return d;
  }
  const t = /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(v) : new Date(NaN);
  if (Number.isNaN(t.getTime())) throw new UsageError(`--today: expected YYYY-MM-DD or an ISO timestamp, got "${v}"`);
  return t;
}

function printSummary(counts: Record<string, number>, ms: number) {
  const width = Math.max(...Object.keys(counts).map((t) => t.length));
  console.log("\nRows loaded:");
  for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(width)}  ${n.toLocaleString("en-US").padStart(11)}`);
  console.log(`\nDone in ${(ms / 1000).toFixed(1)} s.`);
  console.log(`Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")}`);
}

async function main() {
  let args: Args | "help";
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`db:seed: ${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args === "help") return console.log(USAGE);

  // a fresh clone has no server yet: start the embedded one and bring its schema up to date
  if (usingEmbedded()) {
    await startEmbedded((s) => console.log(s));
    await migrate(databaseUrl(), { log: (s) => console.log(s) });
  }
  const url = databaseUrl();
  if (args.ifEmpty) {
    const users = await countUsers(url);
    if (users > 0) return console.log(`The database already has data (${users} users); --if-empty: nothing to do.`);
  }
  if (args.today && args.today.getTime() > Date.now()) {
    console.log(`Note: the data runs up to ${args.today.toISOString()}, which is later than the clock.`);
  }

  console.log(`Seeding scale "${args.scale}"${args.today ? ` anchored at ${args.today.toISOString()}` : ""}${args.reset ? " (reset)" : ""}…`);
  const progress = progressReporter();
  try {
    const r = await seed(url, { scale: args.scale, today: args.today, reset: args.reset, onProgress: progress.update });
    progress.stop();
    printSummary(r.counts, r.ms);
  } catch (err) {
    progress.stop();
    if (err instanceof SeedRefusedError) {
      console.error(`db:seed: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

main().catch((err) => {
  console.error(`db:seed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
