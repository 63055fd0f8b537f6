// A scheduled report (issue 12): the report's name and period, its key
// numbers (the totals), the first rows as a small table, and the attached
// file — or, when it is too big to attach, a signed link to it; and the
// notice its owner gets when a delivery finally failed.
import { Button, Column, Link, Row, Section, Text } from "@react-email/components";
import { formatBytes, formatDateTime } from "@/lib/format";
import { Layout, renderEmail, styles, subjectLine, type RenderedEmail } from "./layout";

export type ScheduledReport = {
  name: string;
  /** "2026-03-13 to 2026-03-19" */
  period: string;
  timezone: string;
  keyNumbers: { label: string; value: string }[];
  table: { columns: string[]; rows: string[][]; more: number } | null;
  /** The attached file's name, null when nothing is attached. */
  fileName: string | null;
  /** The file's signed download link when it is too big to attach. */
  link?: { url: string; expiresAt: Date; fileName: string; sizeBytes: number } | null;
};

const cell = { ...styles.text, fontSize: 13, margin: 0, padding: "4px 8px 4px 0" };

export async function scheduledReportEmail(p: ScheduledReport): Promise<RenderedEmail> {
  const { html, text } = await renderEmail(
    <Layout
      preview={`${p.name}, ${p.period}: ${p.keyNumbers.map((k) => `${k.label} ${k.value}`).join(", ")}`}
      heading={p.name}
      reason="You receive this email because you are a recipient of this scheduled report in Marketplace Analytics."
    >
      <Text style={styles.muted}>{`${p.period}, days in ${p.timezone}`}</Text>
      {p.keyNumbers.map((k) => (
        <Text key={k.label} style={styles.text}>{`${k.label}: ${k.value}`}</Text>
      ))}
      {p.table && (
        <Section>
          <Row>{p.table.columns.map((c) => <Column key={c} style={{ ...cell, fontWeight: 600 }}>{c}</Column>)}</Row>
          {p.table.rows.map((r, i) => (
            <Row key={i}>{r.map((v, j) => <Column key={j} style={cell}>{v}</Column>)}</Row>
          ))}
        </Section>
      )}
      {p.table && p.table.more > 0 && <Text style={styles.muted}>{`…and ${p.table.more} more row${p.table.more === 1 ? "" : "s"}${p.fileName ? " in the attached file" : p.link ? " in the file" : ""}.`}</Text>}
      {p.fileName && <Text style={styles.text}>{`The full report is attached (${p.fileName}).`}</Text>}
      {p.link && (
        <>
          <Text style={styles.text}>{`The full report (${p.link.fileName}, ${formatBytes(p.link.sizeBytes)}) is too big to attach:`}</Text>
          <Button href={p.link.url} style={styles.button}>Download the report</Button>
          <Text style={{ ...styles.muted, marginTop: 16 }} data-skip-in-text="true">
            Or open this link: <Link href={p.link.url} style={styles.link}>{p.link.url}</Link>
          </Text>
          <Text style={styles.muted}>{`The link works until ${formatDateTime(p.link.expiresAt, p.timezone)}, when the file is deleted.`}</Text>
        </>
      )}
    </Layout>,
  );
  return { subject: subjectLine(`${p.name} — ${p.period}`), html, text };
}

export type ScheduledReportFailed = { name: string; scheduledFor: string; reason: string | null; failures: { recipient: string; error: string }[] };

export async function scheduledReportFailedEmail(p: ScheduledReportFailed): Promise<RenderedEmail> {
  const { html, text } = await renderEmail(
    <Layout preview={`${p.name} could not be delivered`} heading="A scheduled report failed" reason="You receive this email because you own this scheduled report.">
      <Text style={styles.text}>{`The scheduled report “${p.name}” (${p.scheduledFor}) could not be delivered.`}</Text>
      {p.reason && <Text style={styles.text}>{p.reason}</Text>}
      {p.failures.map((f) => <Text key={f.recipient} style={styles.muted}>{`${f.recipient}: ${f.error}`}</Text>)}
    </Layout>,
  );
  return { subject: subjectLine(`Scheduled report failed: ${p.name}`), html, text };
}
