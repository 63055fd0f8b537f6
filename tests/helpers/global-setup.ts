// For projects that need PostgreSQL. `npm test` (scripts/test.ts) starts a
// throwaway cluster and passes it in DATABASE_URL; a direct `npx vitest` run
// gets one here instead (started once, shared by the projects, stopped and
// deleted after the last one). A DATABASE_URL of the user's is used as is.
import { startTestCluster, type TestCluster } from "@/lib/db/test-cluster";
import { usingEmbedded } from "@/lib/db/url";

let cluster: TestCluster | undefined;
let users = 0;

export default async function setup() {
  if (!cluster && usingEmbedded()) {
    cluster = await startTestCluster();
    process.env.DATABASE_URL = cluster.url;
    process.on("exit", cluster.stop);
  }
  if (!cluster) return;
  users++;
  return () => {
    if (--users === 0) {
      cluster?.stop();
      delete process.env.DATABASE_URL;
      cluster = undefined;
    }
  };
}
