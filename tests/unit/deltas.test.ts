// Deltas by kind (METRICS.md "Conventions"): the rule per kind, its nulls, and
// how a card writes each one. Expected values are worked out by hand.
import { describe, expect, it } from "vitest";
import { deltaByKind, deltasByKind, deltaUnits, deltaView, type FieldSpecs } from "@/lib/analytics/deltas";
import { formatDelta } from "@/lib/format";

describe("deltaByKind", () => {
  it("counts and money: relative change in percent, one decimal", () => {
    expect(deltaByKind("count", 120, 100)).toBe(20);
    expect(deltaByKind("money", 1234.56, 1000)).toBe(23.5); // 23.456 %
    expect(deltaByKind("count", 0, 10)).toBe(-100);
  });
  it("counts and money: null when previous is 0, whatever current is", () => {
    expect(deltaByKind("count", 5, 0)).toBeNull();
    expect(deltaByKind("money", 0, 0)).toBeNull();
  });
  it("money that can be negative (margin): the sign follows the direction", () => {
    expect(deltaByKind("money", 50, -100)).toBe(150);
    expect(deltaByKind("money", -300, -200)).toBe(-50);
  });
  it("rates: percentage points, current − previous — never a percent of a percent", () => {
    expect(deltaByKind("rate", 45.3, 44.5)).toBe(0.8); // not 1.8 %
    expect(deltaByKind("rate", 10, 20)).toBe(-10); // not −50 %
    expect(deltaByKind("rate", 12.5, 0)).toBe(12.5); // a zero previous rate is a value, not "no data"
    expect(deltaByKind("rate", 0.3, 0.1)).toBe(0.2); // exact, not 0.19999999999999998
    expect(deltaByKind("rate", 33.3, 33.3)).toBe(0);
  });
  it("hours: the difference in hours, one decimal", () => {
    expect(deltaByKind("hours", 22.5, 24.5)).toBe(-2);
    expect(deltaByKind("hours", 5.3, 2.1)).toBe(3.2);
  });
  it("ratings: the difference in rating points, two decimals", () => {
    expect(deltaByKind("rating", 4.32, 4.2)).toBe(0.12);
    expect(deltaByKind("rating", 3.9, 4.15)).toBe(-0.25);
  });
  it("null whenever either side is null, for every kind", () => {
    for (const kind of ["count", "money", "rate", "hours", "rating"] as const) {
      expect(deltaByKind(kind, null, 10), kind).toBeNull();
      expect(deltaByKind(kind, 10, null), kind).toBeNull();
      expect(deltaByKind(kind, null, null), kind).toBeNull();
    }
  });
});

describe("deltasByKind / deltaUnits", () => {
  const FIELDS: FieldSpecs<"n" | "spent" | "rate" | "hours" | "stars" | "pending"> = {
    n: { kind: "count" }, spent: { kind: "money" }, rate: { kind: "rate", better: "down" }, hours: { kind: "hours", better: "down" },
    stars: { kind: "rating" }, pending: { kind: "count" },
  };
  it("one delta per field by its kind; a 'now' field has none", () => {
    expect(deltasByKind(FIELDS, { n: 6, spent: 90, rate: 4.5, hours: 10, stars: 4.5, pending: 3 }, { n: 4, spent: 100, rate: 5, hours: 12.5, stars: 4.25 }, ["pending"]))
      .toEqual({ n: 50, spent: -10, rate: -0.5, hours: -2.5, stars: 0.25, pending: null });
  });
  it("units a client can render", () => {
    expect(deltaUnits(FIELDS)).toEqual({ n: "percent", spent: "percent", rate: "pp", hours: "hours", stars: "stars", pending: "percent" });
    const deltas = { n: 1, spent: 2, rate: 3, hours: 4, stars: 5, pending: null };
    expect(deltaView(FIELDS, { deltas, previous: { rate: 10 }, summary: { rate: 13 } }, "rate"))
      .toEqual({ delta: 3, unit: "pp", goodWhen: "down", previous: 10, current: 13 });
  });
});

describe("formatDelta: how a card reads", () => {
  it("counts and money: ↑/↓ percent", () => {
    expect(formatDelta(20, "percent")).toEqual({ text: "↑ 20.0%", direction: "up" });
    expect(formatDelta(-3.25, "percent")).toEqual({ text: "↓ 3.3%", direction: "down" });
  });
  it("rates: signed percentage points", () => {
    expect(formatDelta(0.8, "pp")).toEqual({ text: "+0.8 pp", direction: "up" });
    expect(formatDelta(-2, "pp")).toEqual({ text: "−2.0 pp", direction: "down" });
  });
  it("a duration where less is better: faster / slower", () => {
    expect(formatDelta(-2, "hours", "down")).toEqual({ text: "↓ 2.0 h faster", direction: "down" });
    expect(formatDelta(1.5, "hours", "down")).toEqual({ text: "↑ 1.5 h slower", direction: "up" });
    expect(formatDelta(1.5, "hours", "up").text).toBe("↑ 1.5 h");
  });
  it("ratings: signed stars", () => {
    expect(formatDelta(0.12, "stars")).toEqual({ text: "+0.12 ★", direction: "up" });
    expect(formatDelta(-0.05, "stars")).toEqual({ text: "−0.05 ★", direction: "down" });
  });
  it("no change and no comparison", () => {
    expect(formatDelta(0, "pp")).toEqual({ text: "no change", direction: "flat" });
    expect(formatDelta(null, "stars")).toEqual({ text: "no previous data", direction: "none" });
  });
  it("a count or money from 0 has no percentage but a plain direction", () => {
    expect(formatDelta(null, "percent", "up", { current: 5, previous: 0 })).toEqual({ text: "↑ from 0", direction: "up" });
    expect(formatDelta(null, "percent", "up", { current: -20, previous: 0 })).toEqual({ text: "↓ from 0", direction: "down" });
    expect(formatDelta(null, "percent", "up", { current: 0, previous: 0 })).toEqual({ text: "no change", direction: "flat" });
    expect(formatDelta(null, "pp", "up", { current: 5, previous: null })).toEqual({ text: "no previous data", direction: "none" });
  });
});
