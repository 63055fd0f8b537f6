// For projects that need PostgreSQL: start the embedded server if it is not
// up (a direct `npx vitest` run). `npm test` starts and stops it around the
// whole run (scripts/test.ts); this never stops it.
import { startEmbedded } from "@/lib/db/embedded";
import { usingEmbedded } from "@/lib/db/url";

export default async function setup() {
  if (usingEmbedded()) await startEmbedded(() => {});
}
