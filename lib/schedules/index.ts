// Report schedules: cron in an IANA zone (croner), in words (cronstrue),
// next runs with DST notes, and the due slots a dispatcher starts.
export { MIN_INTERVAL_MINUTES, cronIn, cronProblem, isFixedTime } from "./cron";
export { describeSchedule } from "./describe";
export { dueSlots, nextRunAfter, nextRuns, type ScheduledRun } from "./runs";
export { DST_RULE, schedulePreview } from "./preview";
