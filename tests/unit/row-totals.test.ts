// Totals summed from streamed rows (lib/runs/row-totals.ts) must equal SQL's
// SUM over numeric: exact decimals, never floats. Expected values are worked
// out by hand in cents.
import { describe, expect, it } from "vitest";
import { RowTotals } from "@/lib/runs/row-totals";

const cols = [
  { key: "charges", kind: "money" as const },
  { key: "n", kind: "integer" as const },
];

describe("RowTotals", () => {
  it("adds decimal text exactly, where floats would drift", () => {
    const t = new RowTotals(cols);
    // 0.10 + 0.20 + … (1,000 times 0.10) is exactly 100.00; as floats it is not
    t.add(Array.from({ length: 1000 }, () => ({ charges: "0.10", n: 1 })));
    t.add([{ charges: "-0.05", n: 2 }, { charges: "12345678901.99", n: 0 }]);
    expect(t.result()).toEqual({ charges: "12345679001.94", n: 1002 });
  });

  it("gives 0.00 and 0 with no rows, and skips nulls", () => {
    const t = new RowTotals(cols);
    expect(t.result()).toEqual({ charges: "0.00", n: 0 });
    t.add([{ charges: null, n: null }, { charges: "-3.50", n: 4 }, { charges: "1.25", n: -1 }]);
    expect(t.result()).toEqual({ charges: "-2.25", n: 3 });
  });

  it("keeps the largest scale seen and refuses floats", () => {
    const t = new RowTotals([{ key: "x", kind: "number" }]);
    t.add([{ x: "1.5" }, { x: "2.125" }, { x: 3 }]);
    expect(t.result()).toEqual({ x: "6.625" });
    expect(() => t.add([{ x: 0.1 }])).toThrow(/float/);
    const small = new RowTotals([{ key: "m", kind: "money" }]);
    small.add([{ m: "-0.01" }, { m: "0.005" }]);
    expect(small.result()).toEqual({ m: "-0.005" });
  });
});
