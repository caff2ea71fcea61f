// Special files, links out of the directory and oversized files, in each command that reads files:
// refused with one line naming the file, a non-zero exit, nothing imported, and quickly (no hang on a FIFO,
// no reading /dev/zero). The time each refusal took is written to test-artifacts/refusals.json.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ScenarioStore } from "../src/server/store.js";
import { BUILTIN_SCENARIOS } from "../src/treaties/scenario-file.js";
import { cli, libraryFile } from "./helpers.js";

const ARTIFACTS = fileURLToPath(new URL("../test-artifacts", import.meta.url));
const scenario = readFileSync(join(BUILTIN_SCENARIOS, "korea-2025-rok-strike.yaml"), "utf8");
const timings: Record<string, Record<string, number>> = {};
afterAll(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, "refusals.json"), `${JSON.stringify(timings, null, 2)}\n`);
  console.log("refusal times (ms):", JSON.stringify(timings));
});

/** Each hostile entry, made in a directory next to one good file. */
const HOSTILE: Record<string, { message: RegExp; make: (dir: string, name: string) => void }> = {
  fifo: {
    message: /a FIFO, not a regular file/,
    make: (dir, name) => execFileSync("mkfifo", [join(dir, name)]),
  },
  "link to /dev/zero": {
    message: /symbolic link out of .*: not followed/,
    make: (dir, name) => symlinkSync("/dev/zero", join(dir, name)),
  },
  "link out of the directory": {
    message: /symbolic link out of .*: not followed/,
    make: (dir, name) => symlinkSync("/etc/passwd", join(dir, name)),
  },
  "50 MB file": {
    message: /larger than 1 MB \(raise the limit with --max-size\)/,
    make: (dir, name) => writeFileSync(join(dir, name), Buffer.alloc(50 * 1024 * 1024, "#")),
  },
  "folder named x.yaml": {
    message: /a directory, not a file/,
    make: (dir, name) => mkdirSync(join(dir, name)),
  },
  "dangling link": {
    message: /dangling symbolic link/,
    make: (dir, name) => symlinkSync(join(dir, "gone.txt"), join(dir, name)),
  },
  "link loop": { message: /symbolic link loop/, make: (dir, name) => symlinkSync(name, join(dir, name)) },
};

function hostileDir(kind: string, good: { name: string; text: string }): string {
  const dir = mkdtempSync(join(tmpdir(), "casus-hostile-"));
  writeFileSync(join(dir, good.name), good.text);
  HOSTILE[kind]?.make(dir, "x.yaml");
  return dir;
}

async function timed(command: string, kind: string, args: string[]) {
  const started = performance.now();
  const result = await cli(args);
  timings[command] = { ...timings[command], [kind]: Math.round((performance.now() - started) * 10) / 10 };
  return result;
}

/** The one line naming the hostile file. */
function refusalLines(err: string): string[] {
  return err.split("\n").filter((line) => line.includes("x.yaml"));
}

describe.each(Object.keys(HOSTILE))("a %s", (kind) => {
  const expected = HOSTILE[kind]?.message as RegExp;

  it("is refused by scenarios import, and nothing is imported", async () => {
    const dir = hostileDir(kind, { name: "good.yaml", text: scenario });
    const data = mkdtempSync(join(tmpdir(), "casus-data-"));
    const { code, out, err } = await timed("scenarios import", kind, [
      "scenarios",
      "import",
      dir,
      "--data",
      data,
    ]);
    expect(code).not.toBe(0);
    expect(refusalLines(err)).toHaveLength(1);
    expect(refusalLines(err)[0]).toMatch(expected);
    expect(err).toMatch(/nothing imported/);
    expect(out).toBe("");
    // The good file was not imported either: all or nothing (the store is not even created).
    expect(existsSync(join(data, "casus.sqlite"))).toBe(false);
  });

  it("is refused by check", async () => {
    const dir = hostileDir(kind, { name: "china-dprk-1961.yaml", text: libraryFile("china-dprk-1961.yaml") });
    const { code, err } = await timed("check", kind, ["check", dir]);
    expect(code).toBe(1);
    expect(refusalLines(err)).toHaveLength(1);
    expect(refusalLines(err)[0]).toMatch(expected);
  });

  it("is refused by what-if --library", async () => {
    const dir = hostileDir(kind, { name: "china-dprk-1961.yaml", text: libraryFile("china-dprk-1961.yaml") });
    const { code, err } = await timed("what-if --library", kind, [
      "what-if",
      "--attack",
      "KOR:PRK",
      "--on",
      "2024-01-01",
      "--library",
      dir,
    ]);
    expect(code).toBe(1);
    expect(refusalLines(err)).toHaveLength(1);
    expect(refusalLines(err)[0]).toMatch(expected);
  });

  it("named as the scenario of what-if is refused too", async () => {
    const dir = hostileDir(kind, { name: "good.yaml", text: scenario });
    const { code, err } = await timed("what-if FILE", kind, ["what-if", join(dir, "x.yaml")]);
    expect(code).toBe(1);
    expect(refusalLines(err)[0]).toMatch(
      // Named directly, a link is the user's to follow: /dev/zero is then refused as a device.
      kind === "link to /dev/zero"
        ? /a character device, not a regular file/
        : kind === "link out of the directory"
          ? /x\.yaml:1:1: expected object, found string "root:/
          : kind === "dangling link"
            ? /no such file or directory/
            : expected,
    );
  });
});

describe("limits and links that stay inside", () => {
  it("--max-size raises the cap, and a bad size is one clear error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "casus-size-"));
    writeFileSync(join(dir, "big.yaml"), `${scenario}\n${"#".repeat(2 * 1024 * 1024)}\n`);
    const data = mkdtempSync(join(tmpdir(), "casus-data-"));
    expect((await cli(["scenarios", "import", dir, "--data", data])).err).toMatch(
      /big\.yaml: larger than 1 MB/,
    );
    const raised = await cli(["scenarios", "import", dir, "--data", data, "--max-size", "4M"]);
    expect(raised.code).toBe(0);
    expect(raised.out).toBe("imported 1 scenario(s)");
    const bad = await cli(["scenarios", "import", dir, "--data", data, "--max-size", "lots"]);
    expect(bad).toMatchObject({ code: 2, err: 'casus: --max-size: "lots" is not a size (e.g. 512k, 4M)' });
  });

  it("a link that stays inside the library directory is read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "casus-inside-"));
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "china-dprk-1961.yaml"), libraryFile("china-dprk-1961.yaml"));
    const alone = await cli(["check", join(dir, "real")]);
    symlinkSync(join(dir, "real"), join(dir, "alias"));
    // Followed, and the directory it names is read once however many ways lead to it.
    const linked = await cli(["check", dir]);
    expect(linked).toMatchObject({ code: 0, err: "" });
    expect(linked.out).toBe(alone.out);
    expect(linked.out).toMatch(/^ok: \d+ instruments, no problems$/);
  });

  it("every problem in an import is listed before refusing, one line each", async () => {
    const dir = mkdtempSync(join(tmpdir(), "casus-many-"));
    writeFileSync(join(dir, "a.yaml"), scenario.replace("as_of:", "as_of: 2025-02-30\nold_as_of:"));
    writeFileSync(join(dir, "b.yaml"), "title: [unclosed\n");
    execFileSync("mkfifo", [join(dir, "c.yaml")]);
    const data = mkdtempSync(join(tmpdir(), "casus-data-"));
    const { code, err } = await cli(["scenarios", "import", dir, "--data", data]);
    expect(code).toBe(1);
    for (const name of ["a.yaml", "b.yaml", "c.yaml"]) expect(err).toContain(name);
    expect(err.split("\n").at(-1)).toMatch(/^casus: nothing imported: \d+ problem\(s\)$/);
    expect(existsSync(join(data, "casus.sqlite"))).toBe(false);
  });

  it("an import into an existing store adds nothing when one file is bad", async () => {
    const data = mkdtempSync(join(tmpdir(), "casus-data-"));
    const good = mkdtempSync(join(tmpdir(), "casus-good-"));
    writeFileSync(join(good, "one.yaml"), scenario);
    expect((await cli(["scenarios", "import", good, "--data", data])).code).toBe(0);
    const dir = hostileDir("fifo", { name: "two.yaml", text: scenario });
    expect((await cli(["scenarios", "import", dir, "--data", data])).code).toBe(1);
    const store = new ScenarioStore(data);
    expect(store.count()).toBe(1);
    store.close();
  });
});
