// Inngest drives the jobs when it is configured; otherwise this process does.
export function inngestConfigured(): boolean {
  return Boolean(process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV);
}
