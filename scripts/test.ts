// npm test: runs every vitest project (extra arguments go to vitest) against
// a throwaway PostgreSQL of its own — a fresh cluster in the temp dir on a
// free port, handed to vitest and the app it starts through DATABASE_URL, and
// stopped and deleted at the end, also on failure or Ctrl-C. So it runs beside
// a demo (or anything else) on 54329. With DATABASE_URL set, that server is
// used instead and nothing is started.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { startTestCluster, type TestCluster } from "../lib/db/test-cluster";
import { usingEmbedded } from "../lib/db/url";

async function main() {
  let cluster: TestCluster | undefined;
  let child: ChildProcess | undefined;
  let interrupted = false;
  const cleanup = () => cluster?.stop();
  process.on("exit", cleanup);
  // Handlers first: a Ctrl-C while the cluster starts must not kill us before we can delete it.
  // Ctrl-C reaches vitest too (same process group); we wait for it to finish its own teardown.
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      interrupted = true;
      if (child && child.exitCode === null) child.kill(sig);
    });
  }
  if (usingEmbedded()) {
    cluster = await startTestCluster();
    console.log(`Test PostgreSQL: throwaway cluster on port ${cluster.port} (${cluster.root})`);
  }
  if (interrupted) process.exit(130);
  const vitest = path.join(process.cwd(), "node_modules", "vitest", "vitest.mjs");
  const env = { ...process.env, ...(cluster ? { DATABASE_URL: cluster.url } : {}) };
  child = spawn(process.execPath, [vitest, "run", ...process.argv.slice(2)], { stdio: "inherit", env });
  const code = await new Promise<number>((resolve) => child!.on("exit", (c, sig) => resolve(c ?? (sig ? 130 : 1))));
  cleanup();
  process.exit(code);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
