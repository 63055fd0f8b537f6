// npm test: makes sure PostgreSQL is up (the embedded server unless
// DATABASE_URL is set), runs every vitest project, and stops the embedded
// server again if this command started it. Extra arguments go to vitest.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { isRunning, startEmbedded, stopEmbedded } from "../lib/db/embedded";
import { usingEmbedded } from "../lib/db/url";

async function main() {
  const embedded = usingEmbedded();
  const started = embedded && !isRunning();
  if (embedded) await startEmbedded(() => {});
  const vitest = path.join(process.cwd(), "node_modules", "vitest", "vitest.mjs");
  const r = spawnSync(process.execPath, [vitest, "run", ...process.argv.slice(2)], { stdio: "inherit", env: process.env });
  if (started) stopEmbedded();
  process.exit(r.status ?? 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
