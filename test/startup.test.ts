// Starting and stopping: concurrent first starts on an empty directory, workers that die, and the CLI
// piped into a reader that goes away early.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { ScenarioStore } from "../src/server/store.js";
import { KOREA_LIBRARY } from "../src/treaties/load.js";

const run = promisify(execFile);
const CLI = new URL("../src/cli/main.ts", import.meta.url).pathname;
const CHILD = new URL("./first-start.child.ts", import.meta.url).pathname;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("first start", () => {
  it("three processes opening the same empty directory at once all succeed (15 rounds, 45 opens)", async () => {
    const dirs = Array.from({ length: 15 }, () => mkdtempSync(join(tmpdir(), "casus-first-")));
    // Far enough ahead for each process to have loaded; then one directory every 150 ms.
    const startAt = Date.now() + 4000;
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        run(process.execPath, ["--import", "tsx", CHILD, String(startAt), "150", ...dirs], {
          timeout: 60_000,
        }),
      ),
    );
    const outcomes = results.map((r) => JSON.parse(r.stdout) as { opened: number; failures: string[] });
    expect(outcomes.flatMap((o) => o.failures)).toEqual([]);
    expect(outcomes.reduce((n, o) => n + o.opened, 0)).toBe(45);
    for (const dir of dirs) {
      const store = new ScenarioStore(dir);
      expect(store.count()).toBe(3);
      store.close();
    }
  });
});

function serve(args: string[]): { child: ChildProcess; out: () => string; err: () => string } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CLI, "serve", "--library-only", KOREA_LIBRARY, ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CASUS_LOG_LEVEL: "info" },
    },
  );
  children.push(child);
  let out = "";
  let err = "";
  child.stdout?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    err += c.toString();
  });
  return { child, out: () => out, err: () => err };
}

describe("--workers", () => {
  it("a worker that dies is logged and replaced, and the server keeps answering", async () => {
    const data = mkdtempSync(join(tmpdir(), "casus-workers-"));
    // A fixed port: with port 0, workers that start listening after the first one died would get another.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const server = serve(["--workers", "2", "--port", String(port), "--data", data]);
    const url = await until("listening", () => /listening on (http:\/\/\S+?)[ ,]/.exec(server.out())?.[1]);
    const pid = server.child.pid as number;
    const [victim] = await until("two workers", () =>
      childrenOf(pid).length === 2 ? childrenOf(pid) : undefined,
    );
    process.kill(victim as number, "SIGKILL");
    await until("the replacement", () => {
      const now = childrenOf(pid);
      return now.length === 2 && !now.includes(victim as number) ? now : undefined;
    });
    // The log line comes through a pipe and may arrive after the replacement shows in the process table.
    const line = await until("the log line", () =>
      server
        .out()
        .split("\n")
        .find((l) => l.includes(`worker ${victim} died`)),
    );
    expect(JSON.parse(line as string)).toMatchObject({ level: 40, exit: "signal SIGKILL" });
    // The replacement may still be loading the library: the server answers again once it is up.
    let status = 0;
    for (const end = Date.now() + 30_000; status !== 200 && Date.now() < end; ) {
      status = await fetch(`${url}/api/health`).then(
        (r) => r.status,
        () => 0,
      );
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });

  it("when workers cannot start (the port is taken), it exits non-zero saying why", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const server = serve([
        "--workers",
        "2",
        "--port",
        String(port),
        "--data",
        mkdtempSync(join(tmpdir(), "w-")),
      ]);
      const code = await new Promise((r) => server.child.once("exit", r));
      expect(code).toBe(1);
      expect(server.err()).toMatch(
        new RegExp(`casus: workers could not start: port ${port} on 127.0.0.1 is in use`),
      );
    } finally {
      blocker.close();
    }
  });
});

describe("piped into head", () => {
  it.each([
    ["treaties", "treaties"],
    ["a 120 kB what-if", "what-if scenarios/september-11-2001.yaml --json"],
  ])("%s | head -1 ends quietly", async (_name, args) => {
    const { stdout, stderr } = await run("sh", ["-c", `node --import tsx ${CLI} ${args} | head -1`], {
      cwd: new URL("..", import.meta.url).pathname,
      timeout: 60_000,
    });
    expect(stdout.split("\n")[0]).toMatch(/\S/);
    expect(stderr).toBe("");
  });
});
