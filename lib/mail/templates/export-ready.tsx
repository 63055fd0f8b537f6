// "Your export is ready": what was produced, its rows and size, the signed
// link and when that link stops working (in the reader's zone).
import { Button, Link, Text } from "@react-email/components";
import { formatBytes, formatDateTime, formatInt } from "@/lib/format";
import { Layout, renderEmail, styles, subjectLine, type RenderedEmail } from "./layout";

export type ExportReady = {
  /** What was produced, e.g. "Revenue report, 2026-01-01 to 2026-03-31 (XLSX)". */
  what: string;
  rowCount: number;
  sizeBytes: number;
  url: string;
  expiresAt: Date;
  /** The reader's zone for the expiry (default UTC). */
  timezone?: string;
};

export function ExportReadyEmail({ what, rowCount, sizeBytes, url, expiresAt, timezone = "UTC" }: ExportReady) {
  const expires = formatDateTime(expiresAt, timezone);
  // One string per text node: React would put <!-- --> between adjacent pieces.
  const rows = `${formatInt(rowCount)} ${rowCount === 1 ? "row" : "rows"}`;
  return (
    <Layout
      preview={`${what}: ${rows}, ready to download until ${expires}`}
      heading="Your export is ready"
      reason="You receive this email because you requested this file in Marketplace Analytics."
    >
      <Text style={styles.text}><strong>{what}</strong></Text>
      <Text style={styles.text}>{`${rows} · ${formatBytes(sizeBytes)}`}</Text>
      <Button href={url} style={styles.button}>Download the file</Button>
      {/* The text part already has the address after the button's label. */}
      <Text style={{ ...styles.muted, marginTop: 16 }} data-skip-in-text="true">
        Or open this link: <Link href={url} style={styles.link}>{url}</Link>
      </Text>
      <Text style={styles.muted}>
        {`The link works until ${expires}, and only for you: please do not forward it. After that, ask for a new link from the run’s page.`}
      </Text>
    </Layout>
  );
}

export async function exportReadyEmail(p: ExportReady): Promise<RenderedEmail> {
  return { subject: subjectLine(`Your export is ready: ${p.what}`), ...(await renderEmail(<ExportReadyEmail {...p} />)) };
}
