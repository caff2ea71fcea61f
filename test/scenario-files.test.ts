// Every scenario file in scenarios/ states its expected answer, written from the treaty texts before the
// engine was run (see docs/scenarios.md). This test checks each answer against its file; a new case is one file.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { whatIf } from "../src/engine/index.js";
import type { Result, StateRef } from "../src/model/result.js";
import type { Expectation } from "../src/model/scenario.js";
import { codeOf } from "../src/report/words.js";
import { loadLibrary } from "../src/treaties/load.js";
import { resolveState } from "../src/treaties/normalise.js";
import { BUILTIN_SCENARIOS, readScenarioFile } from "../src/treaties/scenario-file.js";

const { library } = loadLibrary();
const files = readdirSync(BUILTIN_SCENARIOS)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

interface Who {
  obligor?: string;
  beneficiary?: string;
  instrument?: string;
  article?: string;
}

function checker(result: Result) {
  const code = (input: string) => {
    const r = resolveState(library, input, result.as_of);
    if (!r.ok) throw new Error(`expect: ${r.message}`);
    return r.value;
  };
  const is = (s: StateRef, input: string | undefined) => input === undefined || codeOf(s) === code(input);
  const matches = (
    row: { obligor: StateRef; beneficiary: StateRef; instrument: string; article: string },
    w: Who,
  ) =>
    is(row.obligor, w.obligor) &&
    is(row.beneficiary, w.beneficiary) &&
    (w.instrument === undefined || row.instrument === w.instrument) &&
    (w.article === undefined || row.article === w.article);
  return { code, is, matches };
}

const describeWho = (w: Who) =>
  `${w.obligor ?? "*"} → ${w.beneficiary ?? "*"} ${w.instrument ?? "*"} ${w.article ?? ""}`;

function check(result: Result, e: Expectation): void {
  const { code, is, matches } = checker(result);
  for (const w of e.bound ?? []) {
    const found = result.obligations.filter((o) => matches(o, w));
    expect(found.length, `bound: ${describeWho(w)}`).toBeGreaterThan(0);
    if (w.strength)
      expect(
        found.map((o) => o.strength),
        `strength of ${describeWho(w)}`,
      ).toContain(w.strength);
    if (w.kind)
      expect(
        found.map((o) => o.kind),
        `kind of ${describeWho(w)}`,
      ).toContain(w.kind);
    for (const a of w.against ?? []) {
      expect(
        found.some((o) => o.against.some((s) => is(s, a))),
        `${describeWho(w)} against ${a}`,
      ).toBe(true);
    }
  }
  for (const w of e.not_bound ?? []) {
    // Not bound means no legal obligation; a political commitment is not one (see `committed`).
    const found = result.obligations.filter((o) => matches(o, w));
    expect(
      found.map((o) => `${codeOf(o.obligor)}>${codeOf(o.beneficiary)} ${o.instrument} ${o.article}`),
      `not bound: ${describeWho(w)}`,
    ).toEqual([]);
    if (w.unmet?.length) {
      const rows = [...result.not_triggered, ...result.not_in_force.flatMap((n) => n.not_triggered)].filter(
        (n) => matches(n, w),
      );
      expect(rows.length, `a not-triggered row for ${describeWho(w)}`).toBeGreaterThan(0);
      for (const row of rows) {
        const unmet = row.unmet.map((c) => c.code);
        for (const reason of w.unmet) expect(unmet, `${describeWho(w)} unmet`).toContain(reason);
      }
    }
  }
  for (const w of e.committed ?? []) {
    const found = result.commitments.filter((o) => matches(o, w));
    expect(found.length, `committed: ${describeWho(w)}`).toBeGreaterThan(0);
    if (w.legal_force) expect(found.map((o) => o.legal_force)).toContain(w.legal_force);
  }
  for (const w of e.available ?? []) {
    expect(
      result.available.filter((o) => matches(o, w)).length,
      `available: ${describeWho(w)}`,
    ).toBeGreaterThan(0);
  }
  const joiners = result.belligerents.filter((b) => b.basis !== "event");
  for (const s of e.joins ?? [])
    expect(
      joiners.map((b) => codeOf(b.state)),
      `joins: ${s}`,
    ).toContain(code(s));
  for (const s of e.not_joins ?? [])
    expect(
      joiners.map((b) => codeOf(b.state)),
      `does not join: ${s}`,
    ).not.toContain(code(s));
  for (const v of e.violations ?? []) {
    const found = result.violations.filter(
      (x) =>
        is(x.by, v.by) &&
        x.instrument === v.instrument &&
        (v.article === undefined || x.article === v.article),
    );
    expect(found.length, `violation by ${v.by} of ${v.instrument} ${v.article ?? ""}`).toBeGreaterThan(0);
  }
  for (const v of e.no_violations ?? []) {
    const found = result.violations.filter(
      (x) => is(x.by, v.by) && (v.instrument === undefined || x.instrument === v.instrument),
    );
    expect(
      found.map((x) => `${codeOf(x.by)} ${x.instrument} ${x.article}`),
      `no violation ${v.by ?? "*"} ${v.instrument ?? "*"}`,
    ).toEqual([]);
  }
  for (const c of e.contested ?? []) {
    const points = result.contested.filter(
      (x) => x.point.id.includes(c.point) && (c.under === undefined || x.under === c.under),
    );
    expect(points.length, `contested point ${c.point}`).toBeGreaterThan(0);
    if (c.obligor || c.instrument || c.bound !== undefined) {
      const flips = points
        .flatMap((p) => p.flips)
        .filter(
          (f) => is(f.obligor, c.obligor) && (c.instrument === undefined || f.instrument === c.instrument),
        );
      expect(
        flips.length,
        `a flip under ${c.point} for ${c.obligor ?? "*"} ${c.instrument ?? ""}`,
      ).toBeGreaterThan(0);
      if (c.bound !== undefined)
        expect(
          flips.map((f) => f.alternative.bound),
          `${c.point}: bound in the alternative`,
        ).toContain(c.bound);
    }
  }
  for (const id of e.silent ?? []) {
    const rows = [...result.obligations, ...result.commitments, ...result.available].filter(
      (o) => o.instrument === id,
    );
    expect(
      rows.map((o) => `${codeOf(o.obligor)}>${codeOf(o.beneficiary)} ${o.article}`),
      `nothing binds under ${id}`,
    ).toEqual([]);
  }
}

describe("scenario files: each answer as its file expects", () => {
  it("has at least 21 scenario files, each with an expectation", () => {
    expect(files.length).toBeGreaterThanOrEqual(21);
  });
  for (const file of files) {
    it(file, () => {
      const read = readScenarioFile(join(BUILTIN_SCENARIOS, file), library);
      if ("problems" in read)
        throw new Error(read.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join("; "));
      const expectation = read.scenario.expect;
      expect(expectation, `${file} has no expect: block`).toBeDefined();
      check(whatIf(library, read.scenario, { codeReadings: read.codeReadings }), expectation as Expectation);
    });
  }
});
