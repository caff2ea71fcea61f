// The short mode of the fuzzer, in every `npm test`: each target for a few hundred inputs from a fixed seed
// (so a failure here reproduces), plus the failures the long runs found, kept as regression tests.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type FuzzTarget, TARGETS } from "../bench/fuzz-targets.js";
import { buildApp } from "../src/server/app.js";
import { ScenarioStore } from "../src/server/store.js";
import { loadLibrary } from "../src/treaties/load.js";
import { BUILTIN_SCENARIOS } from "../src/treaties/scenario-file.js";

const RUNS: Record<keyof typeof TARGETS, number> = { checker: 300, scenarios: 300, http: 600, engine: 25 };
const opened: FuzzTarget[] = [];
afterAll(async () => {
  for (const target of opened) await target.close?.();
});

describe("fuzz (short)", () => {
  for (const name of Object.keys(TARGETS) as (keyof typeof TARGETS)[]) {
    it(`${name}: ${RUNS[name]} inputs, no failure`, async () => {
      const target = TARGETS[name]() as FuzzTarget;
      opened.push(target);
      await fc.assert(
        fc.asyncProperty(target.arbitrary, async (input) => {
          await target.run(input);
        }),
        { numRuns: RUNS[name], seed: 12 },
      );
    });
  }
});

describe("failures the long fuzz runs found", () => {
  it("a point at sea outside every outline resolves to a place the checker knows, so the export re-imports", async () => {
    // Found by the scenario reader target: (-1, 123.476) resolved to sea:high-seas, which no gazetteer
    // listed, so a saved scenario failed its own check when read back.
    const { library } = loadLibrary();
    const senkaku = parse(readFileSync(join(BUILTIN_SCENARIOS, "senkaku-2025.yaml"), "utf8"));
    senkaku.events[0].at = { lat: -1, lon: 123.476 };
    const stores = [0, 1].map(() => new ScenarioStore(mkdtempSync(join(tmpdir(), "casus-regress-"))));
    const [a, b] = stores.map((store) => buildApp({ library, store }));
    try {
      const saved = await a?.inject({ method: "POST", url: "/api/scenarios", payload: senkaku });
      expect(saved?.json().scenario.events[0].at).toBe("sea:high-seas");
      const exported = (await a?.inject("/api/export"))?.json();
      const imported = await b?.inject({ method: "POST", url: "/api/import", payload: exported });
      expect(imported?.json()).toEqual({ imported: 1 });
    } finally {
      await a?.close();
      await b?.close();
      for (const store of stores) store.close();
    }
  });
});
