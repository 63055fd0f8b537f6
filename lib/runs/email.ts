// "Your export is ready" — a plain text + HTML version until the React Email
// template (lib/mail/templates/export-ready.tsx) is on main; same signature.
import { formatBytes } from "./format";

export type ExportReadyProps = { what: string; rowCount: number; sizeBytes: number; url: string; expiresAt: Date };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function exportReadyEmail(p: ExportReadyProps): { subject: string; html: string; text: string } {
  const rows = p.rowCount.toLocaleString("en-US");
  const size = formatBytes(p.sizeBytes);
  const expires = p.expiresAt.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const subject = `Your export is ready: ${p.what}`;
  const text = [
    `Your ${p.what} is ready.`,
    ``,
    `Rows: ${rows}`,
    `Size: ${size}`,
    ``,
    `Download: ${p.url}`,
    ``,
    `The link works for you only and expires ${expires}.`,
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<h1 style="font-size:18px">Your ${esc(p.what)} is ready</h1>
<p>Rows: <strong>${esc(rows)}</strong><br>Size: <strong>${esc(size)}</strong></p>
<p><a href="${esc(p.url)}">Download the file</a></p>
<p style="color:#666">The link works for you only and expires ${esc(expires)}.</p>
</body></html>`;
  return { subject, html, text };
}
