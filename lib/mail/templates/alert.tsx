// An alert notification: a rule started firing, or its incident resolved —
// what it measures, the value seen, the condition, and where to manage it.
import { Link, Text } from "@react-email/components";
import { Layout, renderEmail, styles, subjectLine, type RenderedEmail } from "./layout";

export type AlertNotice = {
  kind: "firing" | "resolved";
  name: string;
  severity: string;
  /** "route_p95_ms (/api/v1/me, last 5 min) = 312.4; condition > 250" */
  condition: string;
  at: Date;
  /** Absolute URL of the alert rules page, when known. */
  manageUrl?: string;
};

export const alertSubject = (a: Pick<AlertNotice, "kind" | "name" | "severity">) =>
  subjectLine(a.kind === "firing" ? `[FIRING · ${a.severity}] ${a.name}` : `[RESOLVED] ${a.name}`);

export function AlertEmail({ kind, name, severity, condition, at, manageUrl }: AlertNotice) {
  return (
    <Layout
      preview={`${kind === "firing" ? "Firing" : "Resolved"}: ${name}`}
      heading={kind === "firing" ? `Alert firing: ${name}` : `Alert resolved: ${name}`}
      reason="You receive this email because you are a recipient of this alert rule in Marketplace Analytics."
      manageUrl={manageUrl}
    >
      <Text style={styles.text}>{`Severity: ${severity}`}</Text>
      <Text style={styles.text}>{condition}</Text>
      <Text style={styles.muted}>{`At ${at.toISOString()} (UTC)`}</Text>
      {manageUrl && <Text style={styles.muted}>Rules: <Link href={manageUrl} style={styles.link}>{manageUrl}</Link></Text>}
    </Layout>
  );
}

export async function alertEmail(a: AlertNotice): Promise<RenderedEmail> {
  return { subject: alertSubject(a), ...(await renderEmail(<AlertEmail {...a} />)) };
}
