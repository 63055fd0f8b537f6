// Makes sure a PostgreSQL server is there for the whole run: the embedded one
// unless DATABASE_URL points elsewhere. A server this run started is stopped
// at the end; one that was already running is left alone.
import { isRunning, startEmbedded, stopEmbedded } from "@/lib/db/embedded";
import { usingEmbedded } from "@/lib/db/url";

export default async function setup() {
  if (!usingEmbedded()) return;
  const wasRunning = isRunning();
  await startEmbedded(() => {});
  return () => {
    if (!wasRunning) stopEmbedded();
  };
}
