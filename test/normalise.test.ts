import { describe, expect, it } from "vitest";
import { Normaliser } from "../src/states/normalise.js";
import { loadLibrary } from "../src/treaties/load.js";

const { library } = loadLibrary();
const n = new Normaliser(library.registry);
const code = (input: string, date = "2025-06-01") => {
  const r = n.actor(input, date);
  return r.ok ? r.code : null;
};

describe("the normaliser of states and organisations", () => {
  it("reads names and common aliases in any case", () => {
    expect(code("uk")).toBe("GBR");
    expect(code("Britain")).toBe("GBR");
    expect(code("the United Kingdom")).toBe("GBR");
    expect(code("DPRK")).toBe("PRK");
    expect(code("north korea")).toBe("PRK");
    expect(code("russia")).toBe("RUS");
    expect(code("USSR", "1960-01-01")).toBe("RUS");
    expect(code("NATO")).toBe("org:nato");
    expect(code("cow:2")).toBe("USA");
    expect(code("COW:730", "1900-01-01")).toBe("cow:730");
  });

  it("keeps ISO3 meanings where that state exists, and says which other state the code could name", () => {
    const australia = n.actor("AUS", "1930-01-01");
    expect(australia).toMatchObject({ ok: true, code: "AUS", reading: { read_as: "iso3", other: "AUT" } });
    expect(n.actor("AUS", "1940-01-01")).toMatchObject({ ok: true, code: "AUS", reading: null });
    expect(code("SLV")).toBe("SLV");
    expect(n.actor("SWZ", "2025-01-01")).toMatchObject({ code: "SWZ", reading: { other: "CHE" } });
  });

  it("reads COW letter codes where no state has that ISO3 code on the date", () => {
    expect(code("GMY", "1870-07-19")).toBe("DEU");
    expect(code("FRN", "1870-07-19")).toBe("FRA");
    expect(n.actor("KOR", "1900-01-01")).toMatchObject({ code: "cow:730", reading: { read_as: "cow" } });
    expect(code("KOR", "2025-01-01")).toBe("KOR");
    expect(code("MON")).toBe("MNG");
  });

  it("reads a name as the state that bears it on the date, or says which states did", () => {
    expect(code("korea", "1900-01-01")).toBe("cow:730");
    const korea = n.actor("korea", "2025-01-01");
    expect(korea).toMatchObject({ ok: false, suggestions: ["North Korea (PRK)", "South Korea (KOR)"] });
    expect(code("West Germany", "1960-01-01")).toBe("cow:260");
    expect(n.actor("Germany", "1960-01-01")).toMatchObject({ ok: false });
  });

  it("rejects what it cannot read, with suggestions", () => {
    expect(n.actor("Ukrane", "2025-01-01")).toMatchObject({ ok: false, suggestions: ["Ukraine (UKR)"] });
    expect(n.actor("XQZ", "2025-01-01")).toMatchObject({ ok: false });
  });
});
