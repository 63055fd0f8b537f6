// What the API routes and the pages both call for the per-user dashboards:
// whose numbers (one's own, or an admin's ?user_id=), then the lib function.
// The time zone defaults to the dashboard owner's, so an admin looking on a
// user's behalf sees exactly what that user sees.
import type { AuthUser } from "@/lib/auth/types";
import { prisma, type Db } from "@/lib/db";
import { ApiError } from "@/lib/http/api";
import type { CreatorDashboardQuery, CreatorEarningsQuery } from "@/lib/validation/creator";
import type { UploaderDashboardQuery, UploaderUploadsQuery } from "@/lib/validation/uploader";
import { resolveSubject } from "./access";
import { creatorDashboard } from "./creator";
import { creatorEarnings, EarningsRangeError } from "./creator-earnings";
import { uploaderDashboard, uploaderUploads } from "./uploader";

export async function loadUploaderDashboard(viewer: AuthUser, q: UploaderDashboardQuery, db: Db = prisma) {
  const subject = await resolveSubject(viewer, q.user_id, "uploader");
  return { subject, data: await uploaderDashboard(db, subject.id, { period: q.period, timeZone: q.tz ?? subject.timeZone }) };
}

export async function loadUploaderUploads(viewer: AuthUser, q: UploaderUploadsQuery, db: Db = prisma) {
  const subject = await resolveSubject(viewer, q.user_id, "uploader");
  return { subject, data: await uploaderUploads(db, subject.id, { page: q.page, status: q.status }) };
}

export async function loadCreatorDashboard(viewer: AuthUser, q: CreatorDashboardQuery, db: Db = prisma) {
  const subject = await resolveSubject(viewer, q.user_id, "creator");
  return { subject, data: await creatorDashboard(db, subject.id, { period: q.period, timeZone: q.tz ?? subject.timeZone }) };
}

export async function loadCreatorEarnings(viewer: AuthUser, q: CreatorEarningsQuery, db: Db = prisma) {
  const subject = await resolveSubject(viewer, q.user_id, "creator");
  try {
    return { subject, data: await creatorEarnings(db, subject.id, { from: q.from, to: q.to, granularity: q.granularity, timeZone: q.tz ?? subject.timeZone }) };
  } catch (err) {
    // a defaulted date can still make the range invalid (e.g. ?from= in the future)
    if (err instanceof EarningsRangeError) throw new ApiError(400, "invalid_request", `${err.field}: ${err.message}`, err.field);
    throw err;
  }
}
