// npm run demo: embedded PostgreSQL (unless DATABASE_URL), migrations, demo
// data when the database is empty, a production build when sources changed,
// then `next start` on PORT (default 3000, or a free port when it is taken),
// and the simulator that keeps the marketplace moving (--no-simulate turns it
// off). Ctrl-C stops the simulator, the app and the embedded server this
// command started.
import pg from "pg";
import { buildApp, startApp } from "../lib/app-server";
import { generatedSecret } from "../lib/auth/secret";
import { progressReporter } from "../lib/progress";
import { isRunning, startEmbedded, stopEmbedded } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { databaseUrl, embeddedPort, usingEmbedded } from "../lib/db/url";
import { freePort, portTaken } from "../lib/ports";
import { startSimulator, type Simulator } from "../lib/simulator";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seed, type Scale } from "../prisma/seed";

const preferredHttpPort = Number(process.env.PORT || 3000);
const simulate = !process.argv.includes("--no-simulate");
const scale = (process.argv.find((a) => a.startsWith("--scale="))?.split("=")[1] ?? process.env.DEMO_SCALE ?? "small") as Scale;

async function isEmpty(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query("SELECT NOT EXISTS (SELECT 1 FROM users) AS empty")).rows[0].empty as boolean;
  } finally {
    await c.end();
  }
}

async function main() {
  const t0 = Date.now();
  const embedded = usingEmbedded();
  const startedDb = embedded && !isRunning();
  if (embedded) console.log(`PostgreSQL: ${await startEmbedded()} on port ${embeddedPort()}`);
  const url = databaseUrl();
  const m = await migrate(url, { log: (s) => console.log(s) });
  console.log(`Migrations: ${m.applied.length} applied, ${m.skipped.length} already applied`);
  if (await isEmpty(url)) {
    console.log(`Loading demo data (scale ${scale})…`);
    const progress = progressReporter();
    const r = await seed(url, { scale, onProgress: progress.update });
    progress.stop();
    console.log(`  done in ${(r.ms / 1000).toFixed(1)} s`);
  } else {
    console.log("Demo data: already loaded (reusing it)");
  }
  console.log(buildApp() === "fresh" ? "Build: up to date" : "Build: done");
  let port = preferredHttpPort;
  if (await portTaken(port)) {
    port = await freePort();
    console.log(`Port ${preferredHttpPort} is already in use by another program; the app uses port ${port} instead.`);
  }
  const baseURL = `http://localhost:${port}`;
  // next start runs as production, which requires NEXTAUTH_SECRET; the demo may use the generated per-checkout one.
  const secret = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET || generatedSecret();
  const env = { NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? baseURL, DATABASE_URL: url, NEXTAUTH_SECRET: secret };
  const child = await startApp({ port, env, inheritOutput: true });
  console.log(`\nMarketplace Analytics is running on ${baseURL} (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  console.log("Demo logins (password for all: " + DEMO_PASSWORD + "):");
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(9)} ${a.email}`);
  let sim: Simulator | undefined;
  if (simulate) {
    sim = startSimulator(url);
    console.log("\nSimulator: new signups, uploads, claims, submissions, reviews and payments every 4 s (--no-simulate turns it off).");
  }
  console.log("\nCtrl-C to stop.");

  // Synchronous on purpose: tsx may SIGKILL this process moments after Ctrl-C,
  // so the simulator's timer, the app and pg_ctl stop are all set off at once
  // (pg_ctl outlives us; its fast shutdown ends a tick still in flight).
  let stopping = false;
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    void sim?.stop().catch(() => {});
    if (child.exitCode === null) child.kill("SIGTERM");
    if (startedDb) stopEmbedded();
    process.exit(code);
  };
  process.on("SIGINT", () => shutdown(0));
  process.on("SIGTERM", () => shutdown(0));
  child.on("exit", (code) => shutdown(code ?? 0));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
