import { Inngest } from "inngest";

// Event key / dev mode come from INNGEST_EVENT_KEY / INNGEST_DEV.
export const inngest = new Inngest({ id: "marketplace-analytics" });
