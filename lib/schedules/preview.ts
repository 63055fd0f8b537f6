// What the schedule editor and GET /api/v1/admin/reports/schedule-preview
// show: the schedule in words, the next runs in its zone and in UTC with any
// DST note, and the DST rule the product follows.
import { describeSchedule } from "./describe";
import { isFixedTime } from "./cron";
import { nextRuns } from "./runs";

export const DST_RULE = {
  fixed:
    "Times are evaluated in the schedule's time zone. A time that does not exist on a spring-forward day (02:30 when clocks jump from 02:00 to 03:00) runs once, at the first valid time after the gap (03:00). A time that occurs twice on a fall-back day runs once, at its first occurrence (summer time).",
  interval:
    "Times are evaluated in the schedule's time zone. This schedule repeats through the day, so it keeps its rhythm in real time: times that do not exist on a spring-forward day are skipped, and a time that occurs twice on a fall-back day runs at both.",
};

export function schedulePreview(cron: string, timezone: string, now: Date, count = 5) {
  return {
    cron,
    timezone,
    description: describeSchedule(cron, timezone),
    next_runs: nextRuns(cron, timezone, now, count).map(({ local, utc, label, note }) => ({ local, utc, label, ...(note ? { note } : {}) })),
    dst_rule: isFixedTime(cron) ? DST_RULE.fixed : DST_RULE.interval,
  };
}
