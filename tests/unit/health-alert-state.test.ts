// The alert state machine, tick by tick.
import { describe, expect, it } from "vitest";
import { step, type AlertState, type Reading, type RuleForStep } from "@/lib/health/alerts/state";

const t0 = new Date("2026-11-29T12:00:00Z");
const at = (min: number) => new Date(t0.getTime() + min * 60_000);
const v = (value: number): Reading => ({ kind: "value", value, samples: 100 });
const none: Reading = { kind: "no_data", samples: 0 };

/** Runs readings one per minute and returns the states and notifications seen. */
function run(rule: Omit<RuleForStep, "state" | "stateSince">, readings: Reading[]) {
  let state: AlertState = "normal";
  let since = t0;
  const out: string[] = [];
  readings.forEach((r, i) => {
    const s = step({ ...rule, state, stateSince: since }, r, at(i));
    if (s) {
      state = s.to;
      since = at(i);
    }
    out.push(state + (s?.notification ? `!${s.notification}` : ""));
  });
  return out;
}

const base = { comparator: "gt", threshold: 100, pendingMinutes: 2, keepFiringMinutes: 0, noData: "ok" };

describe("alert states", () => {
  it("goes pending, fires after the pending period, resolves once", () => {
    expect(run(base, [v(50), v(150), v(150), v(150), v(150), v(50), v(50)])).toEqual(
      ["normal", "pending", "pending", "firing!firing", "firing", "normal!resolved", "normal"]);
  });
  it("a short spike never fires", () => {
    expect(run(base, [v(150), v(50), v(150), v(50)])).toEqual(["pending", "normal", "pending", "normal"]);
  });
  it("keeps firing while recovering, and comes back without a new notification", () => {
    const rule = { ...base, pendingMinutes: 0, keepFiringMinutes: 2 };
    expect(run(rule, [v(150), v(50), v(150), v(50), v(50), v(50)])).toEqual(
      ["firing!firing", "recovering", "firing", "recovering", "recovering", "normal!resolved"]);
  });
  it("no data: ok → a quiet no_data state (resolving a firing rule); keep → unchanged; alerting → fires", () => {
    expect(run({ ...base, pendingMinutes: 0 }, [none, none, v(150), none, v(50)])).toEqual(["no_data", "no_data", "firing!firing", "no_data!resolved", "normal"]);
    expect(run({ ...base, pendingMinutes: 0, noData: "keep" }, [none, v(150), none, none, v(50)])).toEqual(["normal", "firing!firing", "firing", "firing", "normal!resolved"]);
    expect(run({ ...base, pendingMinutes: 1, noData: "alerting" }, [none, none, none])).toEqual(["pending", "firing!firing", "firing"]);
  });
  it("an error is its own state, left on the next good reading", () => {
    expect(run(base, [{ kind: "error", message: "x" }, { kind: "error", message: "x" }, v(50)])).toEqual(["error", "error", "normal"]);
  });
  it("compares as configured", () => {
    expect(run({ ...base, comparator: "lte", threshold: 1, pendingMinutes: 0 }, [v(2), v(1), v(0.5), v(3)])).toEqual(["normal", "firing!firing", "firing", "normal!resolved"]);
  });
});
