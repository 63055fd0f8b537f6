// Serving a run's file by its signed link: only the admin the link names
// (signed in as them, or anonymous with the emailed link), 403 for a tampered
// link or another signed-in user (except a saved report's emailed link, which
// its recipients open whoever they are signed in as), 410 with a page offering a new link when it
// expired or the file was deleted. Streams the file with its type, name and length.
import { Readable } from "node:stream";
import type { Db } from "@/lib/db";
import type { AuthUser } from "@/lib/auth/types";
import { STREAM_LENGTH_HEADER } from "@/lib/http/stream-length";
import { verifyDownload } from "@/lib/links/signed";
import { FileNotFound, fileStore } from "@/lib/storage";
import { CONTENT_TYPES, type FileFormat } from "@/lib/writers";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function htmlPage(status: number, title: string, body: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><h1 style="font-size:1.25rem">${esc(title)}</h1>${body}</body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/** Where an admin gets a freshly signed link for a run (signs in first if needed). */
export const resignPath = (runId: string) => `/api/v1/admin/reports/runs/${runId}/download`;

export async function serveDownload(db: Db, token: string, user: AuthUser | null, now = new Date()): Promise<Response> {
  const check = verifyDownload(token, now);
  if (!check.ok && check.reason === "tampered") return htmlPage(403, "This download link is not valid", "<p>The link was changed or is incomplete. Open the link from your email again, or get a new one from the exports page.</p>");
  const claims = check.claims;
  const run = await db.reportRun.findUnique({ where: { id: claims.runId } });
  // A saved report's run was emailed to its recipients (any address): a session
  // adds nothing to the link there. Other runs' links are for the admin who asked.
  if (user && user.id !== claims.userId && !run?.reportId) return htmlPage(403, "This link is for another account", "<p>Only the admin who asked for this file can download it.</p>");
  // The link dies with its run (report deleted), with its owner (user deleted: requested_by is emptied) and with the file.
  if (!run || run.requestedBy !== claims.userId) return htmlPage(403, "This download link is not valid", "<p>No file for this link.</p>");
  const again = `<p><a href="${esc(resignPath(run.id))}">Get a new link</a> (you may be asked to sign in).</p>`;
  if (run.fileDeletedAt || (run.expiresAt && run.expiresAt <= now))
    return htmlPage(410, "This file has been deleted", `<p>Files are kept for a limited time. Run the ${run.kind} again from the ${run.kind === "export" ? "exports" : "reports"} page.</p>`);
  if (!check.ok) return htmlPage(410, "This download link has expired", `<p>The link expired on ${esc(claims.expiresAt.toISOString().replace("T", " ").slice(0, 16))} UTC.</p>${again}`);
  if (run.status !== "completed" || !run.fileKey) return htmlPage(404, "The file is not ready", "<p>The run has not completed.</p>");
  let file;
  try {
    file = await fileStore().get(run.fileKey);
  } catch (err) {
    if (err instanceof FileNotFound) return htmlPage(410, "This file has been deleted", "<p>Run it again from the app.</p>");
    throw err;
  }
  const name = run.fileName ?? "download";
  return new Response(Readable.toWeb(file.body) as ReadableStream, {
    status: 200,
    headers: {
      "content-type": CONTENT_TYPES[(run.format ?? "csv") as FileFormat],
      "content-disposition": `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "content-length": String(file.size),
      // Next.js drops content-length from route handlers; this one becomes it at writeHead (lib/http/stream-length.ts)
      [STREAM_LENGTH_HEADER]: String(file.size),
      // no-transform: the server's gzip would drop Content-Length (and buffer nothing useful for xlsx, already zipped)
      "cache-control": "private, no-store, no-transform",
      "x-content-type-options": "nosniff",
    },
  });
}
