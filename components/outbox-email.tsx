// One recorded email, shown safely: the HTML part in a sandboxed iframe
// (srcdoc: no scripts, no access to the page; links open in a new tab) and
// the text part as text with its web addresses made into links.
import { Badge } from "@tremor/react";
import { formatBytes, formatDateTime } from "@/lib/format";
import type { OutboxEmail } from "@/lib/mail/outbox";

export const STATUS_COLOR: Record<string, "emerald" | "red" | "amber" | "blue"> = { sent: "emerald", failed: "red", sending: "amber", outbox: "blue" };
export const STATUS_LABEL: Record<string, string> = { sent: "sent", failed: "failed", sending: "sending", outbox: "in outbox" };

export function OutboxStatus({ status }: { status: string }) {
  return <Badge color={STATUS_COLOR[status] ?? "gray"}>{STATUS_LABEL[status] ?? status}</Badge>;
}

/** Links in the email open outside the frame (a sandboxed frame may only open them as new tabs). */
function withLinksInNewTab(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (h) => h + base) : base + html;
}

const URL_RE = /(https?:\/\/[^\s<>"')\]]+)/g;

/** Plain text with its http(s) addresses as links (nothing else becomes markup). */
function Linkified({ text }: { text: string }) {
  return (
    <>
      {text.split(URL_RE).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} target="_blank" rel="noopener noreferrer" className="break-all text-tremor-brand underline">{part}</a>
        ) : (
          part
        ),
      )}
    </>
  );
}

export function OutboxEmailView({ email, timeZone }: { email: OutboxEmail; timeZone: string }) {
  return (
    <article aria-labelledby="email-subject" data-testid="outbox-email" className="flex flex-col gap-4">
      <div>
        <h2 id="email-subject" className="break-words text-tremor-title font-semibold text-tremor-content-strong">{email.subject}</h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-tremor-default">
          <dt className="text-tremor-content">To</dt><dd className="break-all">{email.to}</dd>
          <dt className="text-tremor-content">Created</dt><dd>{formatDateTime(email.created_at, timeZone)}</dd>
          <dt className="text-tremor-content">Status</dt>
          <dd>
            <OutboxStatus status={email.status} /> <span className="text-tremor-content">via {email.provider}{email.provider_message_id ? ` · id ${email.provider_message_id}` : ""}</span>
          </dd>
          {email.error && (<><dt className="text-tremor-content">Error</dt><dd className="break-words text-red-700" data-testid="outbox-email-error">{email.error}</dd></>)}
          {email.attachments.length > 0 && (
            <>
              <dt className="text-tremor-content">Attachments</dt>
              <dd>{email.attachments.map((a) => `${a.filename} (${formatBytes(a.size)})`).join(", ")}</dd>
            </>
          )}
          {email.kind && (<><dt className="text-tremor-content">Sent by</dt><dd className="break-all">{email.kind}{email.ref ? ` ${email.ref}` : ""}</dd></>)}
        </dl>
      </div>
      <section aria-label="HTML part">
        <h3 className="mb-1 text-tremor-default font-medium text-tremor-content-strong">HTML</h3>
        <iframe
          title={`HTML part of “${email.subject}”`}
          srcDoc={withLinksInNewTab(email.html)}
          // no allow-scripts, no allow-same-origin: the email cannot run code or reach this page
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerPolicy="no-referrer"
          className="h-[28rem] w-full rounded-tremor-small border border-tremor-border bg-white"
          data-testid="outbox-email-html"
        />
      </section>
      <section aria-label="Text part">
        <h3 className="mb-1 text-tremor-default font-medium text-tremor-content-strong">Text</h3>
        <pre className="max-h-[28rem] overflow-auto whitespace-pre-wrap break-words rounded-tremor-small border border-tremor-border bg-tremor-background-subtle p-3 font-mono text-tremor-label" data-testid="outbox-email-text">
          <Linkified text={email.text} />
        </pre>
      </section>
    </article>
  );
}
