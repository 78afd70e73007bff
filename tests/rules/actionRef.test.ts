import { z } from "zod";
import { ACTION_REF, formatRef, parseRef } from "../../bot/rules/actionRef";

describe("formatRef", () => {
  it("writes the year and at least three digits, so minutes can quote it", () => {
    expect(formatRef(2024, 17)).toBe("A-2024-017");
    expect(formatRef(2024, 1)).toBe("A-2024-001");
    expect(formatRef(2024, 999)).toBe("A-2024-999");
    // A busy year does not wrap or truncate.
    expect(formatRef(2024, 1234)).toBe("A-2024-1234");
  });

  it("refuses numbers that could not have been handed out", () => {
    expect(() => formatRef(2024, 0)).toThrow(RangeError);
    expect(() => formatRef(2024, 1.5)).toThrow(RangeError);
    expect(() => formatRef(24, 1)).toThrow(RangeError);
  });
});

describe("parseRef", () => {
  it("reads a ref as people type it back", () => {
    expect(parseRef("A-2024-017")).toEqual({ year: 2024, seq: 17 });
    expect(parseRef("a-2024-17")).toEqual({ year: 2024, seq: 17 });
    expect(parseRef("A2024-017")).toEqual({ year: 2024, seq: 17 });
    expect(parseRef(" A-2024/17 ")).toEqual({ year: 2024, seq: 17 });
    expect(parseRef("A\u20132024\u2013017")).toEqual({ year: 2024, seq: 17 }); // en dashes, from Word
    expect(parseRef("A-2024-017.")).toEqual({ year: 2024, seq: 17 });
    expect(parseRef("A-2024-1234")).toEqual({ year: 2024, seq: 1234 });
  });

  it("round-trips with formatRef", () => {
    for (const [year, seq] of [[2024, 1], [2024, 17], [2025, 1234]] as const) expect(parseRef(formatRef(year, seq))).toEqual({ year, seq });
  });

  it("refuses what is not a ref", () => {
    for (const s of ["", "A-2024", "A-2024-000", "2024-017", "B-2024-017", "A-24-017", "A-2024-017x", "action 17"]) expect(parseRef(s)).toBeUndefined();
  });
});

describe("ACTION_REF", () => {
  it("accepts only the stored form, for zod", () => {
    const schema = z.string().regex(ACTION_REF);
    expect(schema.safeParse("A-2024-017").success).toBe(true);
    expect(schema.safeParse("A-2024-1234").success).toBe(true);
    expect(schema.safeParse("a-2024-17").success).toBe(false);
    expect(schema.safeParse("A-2024-17").success).toBe(false);
  });
});
