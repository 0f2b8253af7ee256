import { describe, expect, it } from "vitest";
import { isRegionCode, provinceOf, regionContains, regionLevel, regionPrefix } from "../src/regions.ts";

describe("GB/T 2260 codes", () => {
  it.each([
    ["520000", "province"],
    ["110000", "province"],
    ["522600", "city"],
    ["110100", "city"],
    ["441900", "city"],
    ["522622", "county"],
    ["110101", "county"],
  ] as const)("%s is a %s", (code, level) => {
    expect(regionLevel(code)).toBe(level);
  });

  it("validates the 6-digit form", () => {
    expect(isRegionCode("522622")).toBe(true);
    for (const bad of ["52262", "5226220", "052262", "52262a", "", " 522622"]) expect(isRegionCode(bad)).toBe(false);
  });

  it("computes prefixes and provinces", () => {
    expect(regionPrefix("520000")).toBe("52");
    expect(regionPrefix("522600")).toBe("5226");
    expect(regionPrefix("522622")).toBe("522622");
    expect(provinceOf("522622")).toBe("520000");
  });

  it("contains its own subtree and nothing else", () => {
    expect(regionContains("520000", "522622")).toBe(true);
    expect(regionContains("520000", "520000")).toBe(true);
    expect(regionContains("522600", "522622")).toBe(true);
    expect(regionContains("522600", "522301")).toBe(false);
    expect(regionContains("522622", "522622")).toBe(true);
    expect(regionContains("522622", "522623")).toBe(false);
    expect(regionContains("520000", "530000")).toBe(false);
    // A county never contains its neighbours, even when their codes share five digits.
    expect(regionContains("522601", "522600")).toBe(false);
  });
});
