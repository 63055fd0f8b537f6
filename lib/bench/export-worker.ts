// One export run in its own process, as a worker would run it: prints its
// time and the process's peak RSS (the bound the issue sets for a worker).
import { createPrisma } from "@/lib/db";
import { executeRun } from "@/lib/runs/execute";

const [url, runId] = process.argv.slice(2);
const db = createPrisma(url, 2);
const t0 = performance.now();
const r = await executeRun(db, runId);
const ms = performance.now() - t0;
await db.$disconnect();
// resourceUsage().maxRSS is in kilobytes
process.stdout.write(JSON.stringify({ result: r, ms, maxRssBytes: process.resourceUsage().maxRSS * 1024 }) + "\n");
