// Cell conversion shared by the writers: zone offsets across DST changes,
// ISO datetimes with offsets, formula neutralization, sheet names.
import { describe, expect, it } from "vitest";
import { isoInZone, neutralizeFormula, textCell, wallClockDate, zoneOffsetMinutes } from "@/lib/writers/cells";
import { sheetName } from "@/lib/writers/xlsx";

describe("zone offsets", () => {
  it("follow New York's 2026 changes (8 March, 1 November), written out by hand", () => {
    const ny = zoneOffsetMinutes("America/New_York");
    expect(ny(Date.parse("2026-03-08T06:59:59Z"))).toBe(-300); // 01:59:59 EST
    expect(ny(Date.parse("2026-03-08T07:00:00Z"))).toBe(-240); // 03:00 EDT
    expect(ny(Date.parse("2026-11-01T05:59:59Z"))).toBe(-240); // 01:59:59 EDT
    expect(ny(Date.parse("2026-11-01T06:00:00Z"))).toBe(-300); // 01:00 EST again
    expect(zoneOffsetMinutes("Asia/Kolkata")(Date.parse("2026-06-01T00:00:00Z"))).toBe(330);
    expect(zoneOffsetMinutes("UTC")(0)).toBe(0);
  });

  it("ISO strings carry the offset; the fall-back hour is told apart", () => {
    const ny = zoneOffsetMinutes("America/New_York");
    expect(isoInZone(new Date("2026-11-01T05:30:00Z"), ny)).toBe("2026-11-01T01:30:00-04:00");
    expect(isoInZone(new Date("2026-11-01T06:30:00Z"), ny)).toBe("2026-11-01T01:30:00-05:00");
    expect(isoInZone(new Date("2026-03-08T07:00:00.250Z"), ny)).toBe("2026-03-08T03:00:00.250-04:00");
    expect(isoInZone(new Date("2026-06-01T00:00:00Z"), zoneOffsetMinutes("Asia/Kolkata"))).toBe("2026-06-01T05:30:00+05:30");
    expect(wallClockDate(new Date("2026-03-08T07:00:00Z"), ny).toISOString()).toBe("2026-03-08T03:00:00.000Z");
  });
});

describe("formula neutralization", () => {
  it("prefixes = + - @ tab CR in text, never numbers", () => {
    for (const s of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutralizeFormula(s)).toBe(`'${s}`);
    expect(neutralizeFormula("a=1")).toBe("a=1");
    expect(textCell({ key: "m", label: "M", kind: "money" }, "-12.50", () => 0)).toBe("-12.50");
    expect(textCell({ key: "t", label: "T", kind: "text" }, "-12.50", () => 0)).toBe("'-12.50");
    expect(textCell({ key: "b", label: "B", kind: "boolean" }, false, () => 0)).toBe("false");
    expect(textCell({ key: "t", label: "T", kind: "text" }, null, () => 0)).toBe("");
  });
});

describe("sheet names", () => {
  it("stay within 31 characters without forbidden characters, numbered from 2", () => {
    expect(sheetName("Transactions", 1)).toBe("Transactions");
    expect(sheetName("Transactions", 2)).toBe("Transactions 2");
    expect(sheetName("A very long dataset name that goes on", 12)).toHaveLength(31);
    expect(sheetName("a/b:c", 1)).toBe("a b c");
  });
});
