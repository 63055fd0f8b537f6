// Makes sure a PostgreSQL server is there for the whole run: the embedded one
// unless DATABASE_URL points elsewhere.
import { startEmbedded } from "@/lib/db/embedded";
import { usingEmbedded } from "@/lib/db/url";

export default async function setup() {
  if (usingEmbedded()) await startEmbedded(() => {});
}
