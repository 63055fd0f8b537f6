// The tests' own PostgreSQL: a throwaway embedded cluster in a fresh folder
// under the OS temp dir, on a free port, small, deleted afterwards. So
// `npm test` never touches (or collides with) a server it did not start —
// for example another checkout's `npm run demo` on 54329. DATABASE_URL set by
// the user wins: then the tests use that server, as before.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runningPort, serverUrl } from "./url";
import { startThrowawayCluster, stopCluster } from "./embedded";

const PREFIX = "marketplace-test-pg-";

/** Small and fast: the data is thrown away, so durability is not needed. */
const TEST_SETTINGS = [
  "shared_buffers = 128MB",
  "work_mem = 32MB",
  "maintenance_work_mem = 128MB",
  "max_connections = 100",
  "fsync = off",
  "synchronous_commit = off",
  "full_page_writes = off",
];

export type TestCluster = { url: string; port: number; root: string; stop: () => void };

/** Folders of earlier runs that were killed (SIGKILL leaves them behind): no live server, older than 10 minutes. */
function sweepLeftovers() {
  const tmp = os.tmpdir();
  for (const name of fs.readdirSync(tmp)) {
    if (!name.startsWith(PREFIX)) continue;
    const root = path.join(tmp, name);
    try {
      const old = Date.now() - fs.statSync(root).mtimeMs > 10 * 60_000;
      if (old && runningPort(path.join(root, "pg")) === null) fs.rmSync(root, { recursive: true, force: true });
    } catch {
      /* another run is removing it */
    }
  }
}

/** Starts a throwaway cluster; `stop()` (synchronous, safe to call twice or from an exit handler) stops and deletes it. */
export async function startTestCluster(): Promise<TestCluster> {
  sweepLeftovers();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), PREFIX));
  const dir = path.join(root, "pg");
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      stopCluster(dir, "immediate");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  };
  try {
    const port = await startThrowawayCluster(dir, TEST_SETTINGS);
    return { url: serverUrl(port, "postgres"), port, root, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
