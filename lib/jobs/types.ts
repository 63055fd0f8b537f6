import type { Db } from "@/lib/db";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A step of a job: the unit Inngest retries (step.run) and the in-process driver runs in order. */
export type JobStep<I> = { id: string; run: (db: Db, input: I, ctx: { runId: string | null }) => Promise<Json> };

export type JobDefinition<I = Record<string, Json>> = {
  name: string;
  /** Inngest event that triggers it on demand. */
  event: string;
  /** UTC cron schedule, if the job is periodic. */
  cron?: string;
  description: string;
  /** Inngest retries per step before the run fails (default 2). */
  retries?: number;
  steps: JobStep<I>[];
};

export type Driver = "in-process" | "inngest";
export type Trigger = "cron" | "event" | "manual" | "startup";
