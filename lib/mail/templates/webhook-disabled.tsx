// "Webhook endpoint disabled": sent to the endpoint's owner when every
// delivery to it failed for 24 hours (lib/webhooks/deliver.ts).
import { Link, Text } from "@react-email/components";
import { Layout, renderEmail, styles, subjectLine, type RenderedEmail } from "./layout";

export type WebhookDisabled = { url: string; failingSince: Date; disabledAt: Date; manageUrl: string };

export async function webhookDisabledEmail({ url, failingSince, disabledAt, manageUrl }: WebhookDisabled): Promise<RenderedEmail> {
  const { html, text } = await renderEmail(
    <Layout
      preview={`Webhook endpoint disabled: ${url}`}
      heading="Webhook endpoint disabled"
      reason="You receive this email because you created this webhook endpoint in Marketplace Analytics."
      manageUrl={manageUrl}
    >
      <Text style={styles.text}>{`Every delivery to ${url} has failed since ${failingSince.toISOString()} (UTC), so the endpoint was disabled at ${disabledAt.toISOString()} and its waiting deliveries were marked failed.`}</Text>
      <Text style={styles.text}>
        Fix the receiver, then enable the endpoint again and replay the deliveries you need: <Link href={manageUrl} style={styles.link}>{manageUrl}</Link>
      </Text>
    </Layout>,
  );
  return { subject: subjectLine(`Webhook endpoint disabled: ${url}`), html, text };
}
