// Whether .next holds a production build of the current sources, so `demo`
// and the test run rebuild only when something changed.
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "inngest", "next.config.ts", "tailwind.config.ts", "postcss.config.mjs", "package-lock.json", "prisma/schema.prisma"];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) {
    if (e === "generated" || e === "node_modules") continue;
    max = Math.max(max, newestMtime(path.join(p, e)));
  }
  return max;
}

export function buildIsFresh(root = process.cwd()): boolean {
  const id = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!fs.existsSync(id)) return false;
  const built = fs.statSync(id).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(root, s)) <= built);
}
