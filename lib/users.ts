// Admin's user directory (support lookups, drill-downs).
import { prisma } from "@/lib/db";
import { pageInfo } from "@/lib/http/pagination";

export async function listUsers(opts: { role?: "uploader" | "creator" | "admin"; status?: "active" | "suspended"; page: number; perPage: number }) {
  const where = { role: opts.role, status: opts.status };
  const [total, rows] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (opts.page - 1) * opts.perPage,
      take: opts.perPage,
      select: { id: true, email: true, name: true, role: true, status: true, country: true, createdAt: true },
    }),
  ]);
  return { users: rows, ...pageInfo(opts.page, opts.perPage, total) };
}
