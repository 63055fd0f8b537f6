// The frame every email shares (export ready, scheduled reports, alerts):
// product name, a heading, the body, a footer saying why it was sent. Built
// with React Email's components (tables and inline styles that mail clients
// understand); renderEmail gives the HTML and the text part from one source.
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { render } from "@react-email/render";
import type { CSSProperties, ReactElement, ReactNode } from "react";

export const styles = {
  body: { backgroundColor: "#f3f4f6", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", border: "1px solid #e5e7eb", borderRadius: 8, margin: "0 auto", maxWidth: 560, padding: "24px 28px" },
  brand: { color: "#6b7280", fontSize: 13, letterSpacing: 0.3, margin: "0 0 12px" },
  heading: { color: "#111827", fontSize: 22, lineHeight: "28px", margin: "0 0 16px" },
  text: { color: "#374151", fontSize: 15, lineHeight: "22px", margin: "0 0 12px" },
  muted: { color: "#6b7280", fontSize: 13, lineHeight: "20px", margin: "0 0 8px" },
  button: { backgroundColor: "#2563eb", borderRadius: 6, color: "#ffffff", display: "inline-block", fontSize: 15, fontWeight: 600, padding: "10px 18px", textDecoration: "none" },
  link: { color: "#2563eb", wordBreak: "break-all" },
  hr: { borderColor: "#e5e7eb", margin: "20px 0" },
} satisfies Record<string, CSSProperties>;

export type LayoutProps = {
  /** The inbox's one-line preview. */
  preview: string;
  heading: string;
  children?: ReactNode;
  /** Why the reader gets this email (the footer's first line). */
  reason?: string;
  /** Where to manage it, e.g. the report's page. */
  manageUrl?: string;
};

export function Layout({ preview, heading, children, reason, manageUrl }: LayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Marketplace Analytics</Text>
          <Heading as="h1" style={styles.heading}>{heading}</Heading>
          <Section>{children}</Section>
          <Hr style={styles.hr} />
          {reason && <Text style={styles.muted}>{reason}</Text>}
          {manageUrl && (
            <Text style={styles.muted}>
              Manage: <Link href={manageUrl} style={styles.link}>{manageUrl}</Link>
            </Text>
          )}
        </Container>
      </Body>
    </Html>
  );
}

/** The HTML and the plain-text part of one email, rendered from the same element. */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

export type RenderedEmail = { subject: string; html: string; text: string };

/** Subjects are one line of at most 300 characters (outbox_emails.subject). */
export const subjectLine = (s: string) => s.replace(/\s+/g, " ").trim().slice(0, 300);
