// The runs list (newest first), for the API and the runs-list component.
import type { Db } from "@/lib/db";
import { pageInfo } from "@/lib/http/pagination";
import type { ListRunsQuery } from "@/lib/validation/runs";
import { runView } from "./view";

export async function listRuns(db: Db, q: ListRunsQuery, userId?: string) {
  const where = {
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.mine === "true" && userId ? { requestedBy: userId } : {}),
  };
  const [total, rows] = await Promise.all([
    db.reportRun.count({ where }),
    db.reportRun.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (q.page - 1) * q.per_page, take: q.per_page }),
  ]);
  return { runs: rows.map((r) => ({ ...runView(r), mine: r.requestedBy === userId })), ...pageInfo(q.page, q.per_page, total) };
}
