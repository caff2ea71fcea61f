import { describe, expect, it } from "vitest";
import { Registry, STATES } from "../src/states/registry.js";

describe("state names by date", () => {
  const registry = new Registry(STATES);

  it("names COW 255 Prussia before the proclamation of the German Empire, and Germany from that day", () => {
    expect(registry.nameOn("cow:255", "1870-07-19")).toBe("Prussia");
    expect(registry.nameOn("DEU", "1871-01-17")).toBe("Prussia");
    expect(registry.nameOn("DEU", "1871-01-18")).toBe("Germany");
    expect(registry.nameOn("DEU", null)).toBe("Germany");
  });

  it("prints the dated name in refs once the registry is set to a date", () => {
    expect(registry.on("1961-07-06").ref("RUS")).toEqual({ iso3: "RUS", cow: 365, name: "Soviet Union" });
    expect(registry.on("1996-09-10").ref("RUS")).toMatchObject({ name: "Russia" });
    expect(registry.ref("RUS")).toMatchObject({ name: "Russia" });
    expect(registry.on("1900-01-01").name("cow:300")).toBe("Austria-Hungary");
  });
});
