// What the user reads when an input is wrong: where (the real line and column), what (expected and found),
// and nothing that can drive their terminal.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { LocatedYaml } from "../src/data/located.js";
import { escapeControls } from "../src/data/terminal.js";
import { readableLine } from "../src/server/log.js";
import { loadLibrary } from "../src/treaties/load.js";
import { cli, libraryFile, tempLibrary } from "./helpers.js";

const russia2024 = libraryFile("russia-dprk-2024.yaml");
const russia2000 = libraryFile("russia-dprk-2000.yaml");
const problemsOf = (text: string) =>
  loadLibrary([tempLibrary({ "russia-dprk-2024.yaml": text, "russia-dprk-2000.yaml": russia2000 })]).problems;
/** Any control character a terminal acts on (tab and newline excepted). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;

describe("YAML syntax errors are reported where they are", () => {
  it.each([
    ["an unclosed flow sequence", "kind: treaty", "kind: [treaty"],
    ["a tab used for indentation", "\n  signed:", "\n\tsigned:"],
    ["a repeated key", "kind: treaty", "kind: treaty\nkind: pact"],
  ])("%s", (_name, from, to) => {
    const broken = russia2024.replace(from, to);
    const [problem, ...rest] = problemsOf(broken);
    expect(rest).toEqual([]);
    expect(problem?.message).toMatch(/^malformed YAML: /);
    // Not 1:1 (every syntax error used to be): on the changed line or the one after it.
    const line = lineOf(broken, to.trim().split("\n").at(-1) as string);
    expect(problem?.line).toBeGreaterThanOrEqual(line - 1);
    expect(problem?.line).toBeLessThanOrEqual(line + 1);
    expect(problem?.column).toBeGreaterThanOrEqual(1);
  });
});

describe("keys that are lists or mappings", () => {
  it("are one problem at the key, not a Node warning printed raw (found while profiling the fuzzer)", () => {
    const warn = vi.spyOn(process, "emitWarning");
    const broken = russia2024.replace(/^kind: /m, "[a, b]: 1\nkind: ");
    const [problem, ...rest] = problemsOf(broken);
    expect(rest).toEqual([]);
    expect(problem?.message).toMatch(/a key must be plain text, not a list or mapping/);
    expect(problem?.line).toBe(lineOf(broken, "[a, b]: 1"));
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe("type errors say what was expected and what was found", () => {
  it("title: 42", () => {
    const broken = russia2024.replace(/^title: .*$/m, "title: 42");
    const [problem] = problemsOf(broken);
    expect(problem).toMatchObject({ field: "title", message: "expected string, found number 42" });
    expect(problem?.line).toBe(lineOf(broken, "title: 42"));
  });

  it("a list where a mapping belongs, and a missing field still says missing", () => {
    const list = problemsOf(russia2024.replace(/^dates:/m, "dates: []\nold_dates:"));
    expect(list.find((p) => p.field === "dates")?.message).toBe("expected object, found a list of 0");
    const missing = problemsOf(russia2024.replace(/^title: .*\n/m, ""));
    expect(missing.find((p) => p.field === "title")?.message).toBe("missing required field");
  });
});

describe("deep nesting", () => {
  it.each([
    ["flow", `a: ${"[".repeat(1500)}${"]".repeat(1500)}\n`],
    ["block", `${Array.from({ length: 1500 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")} 1\n`],
  ])("1,500 levels (%s) give one clear error, not a stack overflow", (_name, text) => {
    const result = LocatedYaml.parse("deep.yaml", text);
    expect(result).not.toBeInstanceOf(LocatedYaml);
    expect((result as { message: string }).message).toMatch(
      /nested (too deeply to read|deeper than 64 levels)/,
    );
  });

  it("100 levels parse but are refused at the first level too deep", () => {
    const result = LocatedYaml.parse("deep.yaml", `a: ${"[".repeat(100)}${"]".repeat(100)}\n`);
    expect(result).toMatchObject({ line: 1, message: "nested deeper than 64 levels" });
  });
});

describe("control characters never reach the terminal raw", () => {
  it("escapes ESC, CSI, carriage return and bidi overrides, and keeps newlines and tabs", () => {
    expect(escapeControls("a\u001b[31mred\u009b\r\u202e\tz\n")).toBe(
      "a\\u001b[31mred\\u009b\\u000d\\u202e\tz\n",
    );
  });

  it("in a file name and a title the CLI prints", async () => {
    const dir = tempLibrary({});
    const name = "evil\u001b]0;pwned\u0007.yaml";
    writeFileSync(join(dir, name), "title: [unclosed\n");
    const { err } = await cli(["check", dir]);
    expect(err).toContain("evil\\u001b]0;pwned\\u0007.yaml");
    expect(err).not.toMatch(RAW_CONTROL);

    const scenario = join(dir, "s.yaml");
    writeFileSync(
      scenario,
      'title: "Red \\e[31m alert \\u009b2J"\nas_of: "2024-10-15"\nevents:\n  - id: a\n    kind: armed-attack\n    by: PRK\n    against: KOR\n    start: "2024-10-15"\n',
    );
    const json = await cli(["what-if", scenario, "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).title).toBe("Red \u001b[31m alert \u009b2J");
    expect(json.out).not.toMatch(RAW_CONTROL);
    const text = await cli(["what-if", scenario]);
    expect(text.out.toLowerCase()).toContain("red \\u001b[31m alert \\u009b2j");
    expect(text.out).not.toMatch(RAW_CONTROL);
  });
});

describe("the server log at a terminal", () => {
  it("is one readable line per entry, control characters escaped", () => {
    const line = readableLine(
      JSON.stringify({
        level: 50,
        time: Date.UTC(2025, 0, 2, 3, 4, 5),
        pid: 1,
        hostname: "h",
        msg: "storage \u001b[2J",
        cause: "disk-full",
      }),
    );
    expect(line).toBe("03:04:05 ERROR storage \\u001b[2J  cause=disk-full");
  });
});
