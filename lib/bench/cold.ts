// The "cold" and "warm" rows (issue 8): start `next start` afresh several
// times; after each start, time the first request of each API (the first
// after the start — no cache to build, since the app keeps none), then a few
// more requests of each (warm). The token is fetched before the timed
// requests, through another route.
import { startAppOnFreePort } from "@/lib/app-server";
import { apiToken } from "./browser";
import { judgedOnP95, result, serverEnv, type BenchContext, type BenchResult } from "./harness";

const WARM_PER_START = 6;

export async function coldFirstRequests(
  ctx: BenchContext, suite: string, email: string, endpoints: [label: string, path: string][], starts: number,
  coldTargetMs: number, warmTargetMs: number,
): Promise<BenchResult[]> {
  const cold = endpoints.map(() => [] as number[]);
  const warm = endpoints.map(() => [] as number[]);
  const get = async (url: string, token: string) => {
    const t0 = performance.now();
    const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < starts; i++) {
    const { child, baseURL } = await startAppOnFreePort(ctx.url, serverEnv(ctx));
    try {
      const token = await apiToken(baseURL, email);
      for (const [j, [, path]] of endpoints.entries()) cold[j].push(await get(`${baseURL}/api/v1/${path}`, token));
      for (let k = 0; k < WARM_PER_START; k++) {
        for (const [j, [, path]] of endpoints.entries()) warm[j].push(await get(`${baseURL}/api/v1/${path}`, token));
      }
    } finally {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
  }
  return endpoints.flatMap(([label], j) => [
    judgedOnP95(result(suite, `${label} API, cold (first request after each of ${starts} starts)`, cold[j], coldTargetMs)),
    judgedOnP95(result(suite, `${label} API, warm (after those starts)`, warm[j], warmTargetMs)),
  ]);
}
