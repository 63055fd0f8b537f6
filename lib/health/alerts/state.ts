// The alert state machine, as a pure function of the rule's state and this
// tick's reading (the evaluation job applies it every minute):
//   normal → pending (condition true) → firing after pending_minutes;
//   firing → recovering (condition false) → normal after keep_firing_minutes;
//   no data is handled as the rule says (ok: "no_data" state, never an
//   alert; keep: nothing changes; alerting: counts as the condition true);
//   a reading that failed → error. Notifications: "firing" when it starts
//   firing, "resolved" when a firing incident ends.
export type AlertState = "normal" | "pending" | "firing" | "recovering" | "no_data" | "error";
export type Reading = { kind: "value"; value: number; samples: number | null } | { kind: "no_data"; samples: number | null } | { kind: "error"; message: string };
export type RuleForStep = {
  state: AlertState; stateSince: Date; comparator: string; threshold: number;
  pendingMinutes: number; keepFiringMinutes: number; noData: string;
};
export type Step = { to: AlertState; notification: "firing" | "resolved" | null } | null;

export function compare(value: number, comparator: string, threshold: number) {
  switch (comparator) {
    case "gt": return value > threshold;
    case "gte": return value >= threshold;
    case "lt": return value < threshold;
    case "lte": return value <= threshold;
    default: throw new Error(`unknown comparator ${comparator}`);
  }
}

const minutesSince = (since: Date, now: Date) => (now.getTime() - since.getTime()) / 60_000;
const alerting = (s: AlertState) => s === "firing" || s === "recovering";

/** The transition this reading causes, or null when the state stays. */
export function step(rule: RuleForStep, reading: Reading, now: Date): Step {
  const cur = rule.state;
  if (reading.kind === "error") return cur === "error" ? null : { to: "error", notification: null };
  let breach: boolean;
  if (reading.kind === "no_data") {
    if (rule.noData === "keep") return null;
    if (rule.noData === "ok") {
      if (cur === "no_data") return null;
      return { to: "no_data", notification: alerting(cur) ? "resolved" : null };
    }
    breach = true;
  } else {
    breach = compare(reading.value, rule.comparator, rule.threshold);
  }
  if (breach) {
    if (cur === "firing") return null;
    if (cur === "recovering") return { to: "firing", notification: null };
    if (cur === "pending") return minutesSince(rule.stateSince, now) >= rule.pendingMinutes ? { to: "firing", notification: "firing" } : null;
    return rule.pendingMinutes === 0 ? { to: "firing", notification: "firing" } : { to: "pending", notification: null };
  }
  if (cur === "firing") return rule.keepFiringMinutes > 0 ? { to: "recovering", notification: null } : { to: "normal", notification: "resolved" };
  if (cur === "recovering") return minutesSince(rule.stateSince, now) >= rule.keepFiringMinutes ? { to: "normal", notification: "resolved" } : null;
  if (cur === "normal") return null;
  return { to: "normal", notification: null };
}
