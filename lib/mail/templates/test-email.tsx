// "Test email": what an admin gets from the outbox page's test button.
import { Link, Text } from "@react-email/components";
import { formatDateTime } from "@/lib/format";
import { Layout, renderEmail, styles, type RenderedEmail } from "./layout";

export type TestEmail = { name: string; provider: string; sentAt: Date; timezone: string; outboxUrl: string };

export async function testEmail({ name, provider, sentAt, timezone, outboxUrl }: TestEmail): Promise<RenderedEmail> {
  const when = formatDateTime(sentAt, timezone);
  const { html, text } = await renderEmail(
    <Layout preview={`Test email sent ${when}`} heading="Test email" reason={`Sent because ${name} asked for a test email.`}>
      <Text style={styles.text}>{`This is a test email from Marketplace Analytics, sent ${when} through ${provider}.`}</Text>
      <Text style={styles.text}>
        Every email the app sends is listed in the outbox: <Link href={outboxUrl} style={styles.link}>open the outbox</Link>.
      </Text>
    </Layout>,
  );
  return { subject: "Test email from Marketplace Analytics", html, text };
}
