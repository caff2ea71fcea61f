import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../src/treaties/load.js";
import { cli, libraryFile, tempLibrary } from "./helpers.js";

const russia2024 = libraryFile("russia-dprk-2024.yaml");
const russia2000 = libraryFile("russia-dprk-2000.yaml");

/** Loads one mutated copy of the 2024 treaty (with the 2000 treaty it supersedes) and returns the problems. */
function problemsOf(text: string, extra: Record<string, string> = {}) {
  const dir = tempLibrary({ "russia-dprk-2024.yaml": text, "russia-dprk-2000.yaml": russia2000, ...extra });
  return loadLibrary([dir]).problems;
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split("\n").length;
}

describe("casus check on broken inputs: exactly one clear error each", () => {
  it("accepts the real files unchanged", () => {
    expect(problemsOf(russia2024)).toEqual([]);
  });

  it("malformed YAML", () => {
    const broken = russia2024.replace("kind: treaty", "kind: [treaty");
    const problems = problemsOf(broken);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/malformed YAML/);
    expect(problems[0]?.file).toMatch(/russia-dprk-2024\.yaml$/);
  });

  it("unknown state code", () => {
    const broken = russia2024.replace("  - party: PRK", "  - party: XYZ");
    const [problem, ...rest] = problemsOf(broken);
    expect(rest).toEqual([]);
    expect(problem?.message).toBe("unknown state code XYZ");
    expect(problem?.field).toBe("parties[1].party");
    expect(problem?.line).toBe(lineOf(broken, "party: XYZ"));
  });

  it("leave date before join date", () => {
    const broken = russia2024.replace(
      "  - party: PRK",
      "  - party: PRK\n    joined: 2024-12-04\n    left: 2024-01-01\n    source: tass-2024-12-05",
    );
    const problems = problemsOf(broken);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe("parties[1].left");
    expect(problems[0]?.message).toMatch(/leave date 2024-01-01 before join date 2024-12-04/);
    expect(problems[0]?.line).toBe(lineOf(broken, "left: 2024-01-01"));
  });

  it("termination before signature", () => {
    const broken = russia2024.replace(
      "  in_force: 2024-12-04",
      "  in_force: 2024-12-04\n  terminated: 2020-01-01\n  termination_reason: test",
    );
    const problems = problemsOf(broken);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe("dates.terminated");
    expect(problems[0]?.message).toMatch(/termination 2020-01-01 before signature 2024-06-19/);
  });

  it("duplicate id", () => {
    const problems = problemsOf(russia2024, { "zz-copy.yaml": russia2024 });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toMatch(/zz-copy\.yaml$/);
    expect(problems[0]?.field).toBe("id");
    expect(problems[0]?.message).toMatch(/duplicate id russia-dprk-2024/);
  });

  it("provision pointing at a missing article", () => {
    const broken = russia2024.replace(
      "          state_of_war: true",
      '          state_of_war: true\n          where: { defined_in: "99" }',
    );
    const problems = problemsOf(broken);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toMatch(/provisions\[0\]\.trigger\.where\.defined_in$/);
    expect(problems[0]?.message).toMatch(/article 99/);
    expect(problems[0]?.line).toBe(lineOf(broken, 'defined_in: "99"'));
  });

  it("a quote with no source", () => {
    const broken = russia2024.replace(
      "    quote_confidence: translation\n    source: al-mayadeen-2024\n    renderings:",
      "    quote_confidence: translation\n    renderings:",
    );
    expect(broken).not.toBe(russia2024);
    const problems = problemsOf(broken);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toBe("a quote with no source");
    expect(problems[0]?.field).toMatch(/^articles\[\d+\]\.text$/);
  });

  it("an impossible date", () => {
    const problems = problemsOf(russia2024.replace("signed: 2024-06-19", "signed: 2024-02-30"));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe("dates.signed");
    expect(problems[0]?.message).toMatch(/not a real calendar date/);
  });

  it("a dated join with no source", () => {
    const broken = russia2024.replace("  - party: PRK", "  - party: PRK\n    joined: 2024-12-04");
    const problems = problemsOf(broken);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toBe("a dated join with no source");
    expect(problems[0]?.field).toBe("parties[1]");
    expect(problems[0]?.fix).toMatch(/add source:/);
  });

  it("a reading with neither a source nor relies_on", () => {
    const broken = russia2024.replace(
      "            source: kcna-2024-06-20\n            changes:",
      "            changes:",
    );
    expect(broken).not.toBe(russia2024);
    const problems = problemsOf(broken);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toBe("reading invasion-rendering has no source");
    expect(problems[0]?.field).toMatch(/provisions\[0\]\.readings\[0\]$/);
    expect(problems[0]?.fix).toMatch(/relies_on/);
  });

  it("a party whose state ceased to exist while the instrument was in force, with no leave date", () => {
    const warsaw = libraryFile("warsaw-pact-1955.yaml", "world");
    const broken = warsaw.replace(
      /\n {4}left: 1990-10-03\n {4}left_reason: .*\n {4}source: encyclopediahub-wp/,
      "",
    );
    expect(broken).not.toBe(warsaw);
    const problems = loadLibrary([tempLibrary({ "warsaw-pact-1955.yaml": broken })]).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toBe(
      "cow:265 ceased to be a state on 1990-10-03, while this instrument was in force",
    );
    expect(problems[0]?.field).toMatch(/^parties\[\d+\]$/);
  });

  it("an instrument in force after all but one of its parties had left", () => {
    const agreement = libraryFile("inter-korean-military-agreement-2018.yaml");
    const broken = agreement.replace(
      / {2}terminated: 2023-11-23\n {2}termination_reason: >-\n( {4}.*\n)+?(?= {2}source:)/,
      "",
    );
    expect(broken).not.toBe(agreement);
    const problems = loadLibrary([tempLibrary({ "agreement.yaml": broken })]).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe("dates");
    expect(problems[0]?.message).toMatch(
      /in force after 2023-11-23, when all but one of its parties had left/,
    );
  });

  it("a party listed before it was a state, unless the entry says why", () => {
    const charter = libraryFile("un-charter-1945.yaml");
    const unexplained = charter.replace(
      /( {2}- party: UKR\n {4}source: un-member-states\n) {4}outside_state_system: >-\n {6}.*\n/,
      "$1",
    );
    expect(unexplained).not.toBe(charter);
    const [problem, ...rest] = loadLibrary([tempLibrary({ "charter.yaml": unexplained })]).problems;
    expect(rest).toEqual([]);
    expect(problem?.message).toBe("UKR was not a state on 1945-10-24");
    expect(problem?.fix).toMatch(/outside_state_system/);
    const needless = charter.replace(
      "  - party: USA\n    source: un-member-states\n",
      "  - party: USA\n    source: un-member-states\n    outside_state_system: not needed\n",
    );
    expect(needless).not.toBe(charter);
    const [stale, ...others] = loadLibrary([tempLibrary({ "charter.yaml": needless })]).problems;
    expect(others).toEqual([]);
    expect(stale?.message).toBe("USA was a state on 1945-10-24");
    expect(stale?.field).toMatch(/outside_state_system$/);
  });

  it("the CLI prints one line per problem and exits 1, without a stack trace", async () => {
    const dir = tempLibrary({ "bad.yaml": russia2024.replace("  - party: PRK", "  - party: XYZ") });
    const { code, err } = await cli(["check", dir]);
    expect(code).toBe(1);
    expect(err).toMatch(/bad\.yaml:\d+:\d+: parties\[1\]\.party: unknown state code XYZ \(fix: /);
    expect(err).not.toMatch(/at .*\.ts:\d+/);
  });

  it("the whole built-in library is clean", async () => {
    const { code, out } = await cli(["check"]);
    expect(out).toMatch(/^ok: \d+ instruments, no problems$/);
    expect(code).toBe(0);
  });
});

describe("casus check never crashes on mutated files (property)", () => {
  const lines = russia2024.split("\n");
  it("line deletions, duplications and character edits yield problems or a clean load, never a throw", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            line: fc.nat({ max: lines.length - 1 }),
            op: fc.constantFrom("delete", "duplicate", "truncate", "indent", "garble"),
            junk: fc.string({ maxLength: 8 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (edits) => {
          const copy = [...lines];
          for (const { line, op, junk } of edits) {
            const at = Math.min(line, copy.length - 1);
            const text = copy[at] ?? "";
            if (op === "delete") copy.splice(at, 1);
            else if (op === "duplicate") copy.splice(at, 0, text);
            else if (op === "truncate") copy[at] = text.slice(0, Math.floor(text.length / 2));
            else if (op === "indent") copy[at] = `  ${text}`;
            else copy[at] = `${text.slice(0, 4)}${junk}${text.slice(4)}`;
          }
          const problems = problemsOf(copy.join("\n"));
          for (const p of problems) {
            expect(p.line).toBeGreaterThan(0);
            expect(p.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("provisions coded from a dataset (ATOP) instead of read", () => {
  // The 1961 USSR–DPRK treaty as ATOP codes it (alliance 3440, atop5_1m.csv): defence and non-aggression.
  const coded = `id: atop-3440
title: ATOP alliance 3440 (Russia, North Korea, 1961)
kind: treaty
legal_force: binding
atopid: 3440
coded: { dataset: ATOP 5.1, atopid: 3440, variables: [begyr, endyr] }
dates: { signed: 1961-07-06, in_force: 1961-07-06, terminated: 1996-09-10, termination_reason: ATOP end date }
parties: [{ party: RUS }, { party: PRK }]
sources: [{ id: atop-5-1, title: "ATOP 5.1, member-level file" }]
articles:
  - number: coding
    source: atop-5-1
    provisions:
      - id: defence
        kind: defence
        trigger: { event: armed-attack }
        strength: automatic
        coded: { dataset: ATOP 5.1, atopid: 3440, phase: 0, members: [365, 731], variables: [defense=1] }
`;

  it("accepts a coded provision without a quote (it cites the dataset)", () => {
    expect(loadLibrary([tempLibrary({ "atop-3440.yaml": coded })]).problems).toEqual([]);
  });

  it("still refuses an uncoded provision without the article's text", () => {
    const uncoded = coded.replace(/\n {8}coded: .*\n/, "\n");
    const problems = loadLibrary([tempLibrary({ "atop-3440.yaml": uncoded })]).problems;
    expect(problems.map((p) => p.message)).toEqual([
      "provisions need the article's text (quoted, or marked paraphrase)",
    ]);
  });
});
