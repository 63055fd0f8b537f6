// GET /api/v1/admin/alerts — every alert rule with its state; POST — a new rule (201 {alert}).
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { createRule, listRules } from "@/lib/health/alerts/rules";
import { apiHandler } from "@/lib/http/api";
import { alertRuleBody } from "@/lib/validation/health";

export const GET = apiHandler({ roles: ["admin"] }, async () => listRules(prisma));

export const POST = apiHandler({ roles: ["admin"], body: alertRuleBody, idempotent: true }, async ({ body }) =>
  NextResponse.json({ alert: await createRule(prisma, body) }, { status: 201 }),
);
