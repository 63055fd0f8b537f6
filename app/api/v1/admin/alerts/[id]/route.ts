// GET /api/v1/admin/alerts/:id — the rule with its state and history; PUT replaces its settings; DELETE removes it.
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { deleteRule, getRule, updateRule } from "@/lib/health/alerts/rules";
import { ApiError, apiHandler } from "@/lib/http/api";
import { alertIdParams, alertRuleBody } from "@/lib/validation/health";

const notFound = () => new ApiError(404, "not_found", "no such alert rule");

export const GET = apiHandler({ roles: ["admin"], params: alertIdParams }, async ({ params }) => {
  const alert = await getRule(prisma, params.id);
  if (!alert) throw notFound();
  return { alert };
});

export const PUT = apiHandler({ roles: ["admin"], params: alertIdParams, body: alertRuleBody }, async ({ params, body }) => {
  const alert = await updateRule(prisma, params.id, body);
  if (!alert) throw notFound();
  return { alert };
});

export const DELETE = apiHandler({ roles: ["admin"], params: alertIdParams }, async ({ params }) => {
  if (!(await deleteRule(prisma, params.id))) throw notFound();
  return new NextResponse(null, { status: 204 });
});
