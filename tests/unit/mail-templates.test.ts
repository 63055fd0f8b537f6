// The email templates render both parts (HTML and text) from one React Email element.
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { formatBytes } from "@/lib/format";
import { exportReadyEmail, Layout, renderEmail } from "@/lib/mail/templates";

const url = "https://analytics.example.com/api/v1/admin/reports/runs/5f0c/download?token=a.b.c&x=1";
const base = { what: "Transactions export, 2026-01-01 to 2026-03-31 (CSV)", rowCount: 12345, sizeBytes: 2_345_678, url, expiresAt: new Date("2026-12-01T09:00:00Z") };

describe("export ready email", () => {
  it("says what, how many rows, how big, the link and when it expires, in the reader's zone", async () => {
    const m = await exportReadyEmail({ ...base, timezone: "Europe/Paris" });
    expect(m.subject).toBe("Your export is ready: Transactions export, 2026-01-01 to 2026-03-31 (CSV)");
    // 2,345,678 B / 1024² = 2.237… MB
    for (const part of [m.html, m.text]) {
      expect(part).toContain("Transactions export, 2026-01-01 to 2026-03-31 (CSV)");
      expect(part).toContain("12,345 rows · 2.2 MB");
      expect(part).toContain("Dec 1, 2026, 10:00 CET"); // 09:00 UTC in Paris (winter time)
    }
    expect(m.html).toContain(`href="${url.replace(/&/g, "&amp;")}"`);
    expect(m.html.startsWith("<!DOCTYPE html")).toBe(true);
    expect(m.text).toContain(url);
    expect(m.text.split(url).length - 1).toBe(1); // once, after the button's label
    expect(m.text).not.toMatch(/<[a-z]/i);
  });

  it("defaults to UTC, says 'row' for one, and escapes what it is given", async () => {
    const m = await exportReadyEmail({ ...base, what: 'Users <script>alert("x")</script>', rowCount: 1, sizeBytes: 300 });
    expect(m.html).toContain("1 row · 300 B");
    expect(m.html).toContain("Dec 1, 2026, 09:00 UTC");
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("&lt;script&gt;");
    expect(m.subject).toBe('Your export is ready: Users <script>alert("x")</script>'); // a subject is plain text
  });

  it("keeps the subject to one line of at most 300 characters", async () => {
    const m = await exportReadyEmail({ ...base, what: "a\nb " + "x".repeat(400) });
    expect(m.subject).not.toContain("\n");
    expect(m.subject.length).toBe(300);
  });
});

describe("layout", () => {
  it("frames any content, with the reason and the manage link in the footer", async () => {
    const el = createElement(Layout, { preview: "Weekly revenue", heading: "Weekly revenue", reason: "You are a recipient of this scheduled report.", manageUrl: "https://analytics.example.com/admin/reports/1" }, createElement("p", null, "Revenue $1,234.50"));
    const { html, text } = await renderEmail(el);
    expect(html).toContain("Marketplace Analytics");
    expect(html).toContain("<p>Revenue $1,234.50</p>");
    expect(html).toContain('href="https://analytics.example.com/admin/reports/1"');
    expect(text).toContain("Revenue $1,234.50");
    expect(text).toContain("You are a recipient of this scheduled report.");
  });
});

describe("formatBytes", () => {
  it("uses 1,024-byte units with one decimal below 100", () => {
    expect([0, 1023, 1024, 1536, 1024 * 1024 * 150, 5 * 1024 ** 3].map(formatBytes)).toEqual(["0 B", "1023 B", "1.0 KB", "1.5 KB", "150 MB", "5.0 GB"]);
  });
});
