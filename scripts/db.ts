// npm run db:start | db:stop | db:url | db:migrate — thin CLI over lib/db.
import { dataDir, startEmbedded, stopEmbedded } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { databaseUrl, usingEmbedded } from "../lib/db/url";

async function main() {
  const command = process.argv[2];
  switch (command) {
    case "start": {
      if (!usingEmbedded()) return console.log("DATABASE_URL is set: using that server, nothing to start.");
      const r = await startEmbedded();
      console.log(r === "already running" ? "PostgreSQL already running" : `PostgreSQL started (data in ${dataDir()})`);
      console.log(databaseUrl());
      return;
    }
    case "stop": {
      if (!usingEmbedded()) return console.log("DATABASE_URL is set: nothing to stop.");
      console.log(stopEmbedded() === "stopped" ? "PostgreSQL stopped" : "PostgreSQL was not running");
      return;
    }
    case "url":
      process.stdout.write(databaseUrl() + "\n");
      return;
    case "migrate": {
      if (usingEmbedded()) await startEmbedded(() => {});
      const r = await migrate(databaseUrl(), { log: console.log });
      console.log(`${r.applied.length} migration(s) applied, ${r.skipped.length} already applied`);
      return;
    }
    default:
      console.error("usage: tsx scripts/db.ts start|stop|url|migrate");
      process.exit(2);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
