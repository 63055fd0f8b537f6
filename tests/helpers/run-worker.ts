// A report-run worker in its own process, for the "killed mid-run" test:
// executes one run slowly (small chunks, a pause after each) and prints
// "chunk <rows>" after each so the test knows when to kill it.
import { createPrisma } from "@/lib/db";
import { executeRun } from "@/lib/runs/execute";

const [url, runId] = process.argv.slice(2);
const db = createPrisma(url, 2);
await executeRun(db, runId, {
  chunkRows: 20,
  afterChunk: async (rows) => {
    process.stdout.write(`chunk ${rows}\n`);
    await new Promise((r) => setTimeout(r, 100));
  },
});
process.stdout.write("done\n");
await db.$disconnect();
