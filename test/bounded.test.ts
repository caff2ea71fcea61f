// Bounded work: what-ifs run off the HTTP thread, within a budget; the server keeps answering meanwhile.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { hostileScenario } from "../bench/hostile.js";
import { DEFAULT_LIMITS, Engine, OverBudget } from "../src/server/engine-pool.js";
import { whatIfRequest } from "../src/server/requests.js";
import { loadLibrary } from "../src/treaties/load.js";
import { normaliseScenario } from "../src/treaties/normalise.js";
import { BUILTIN_SCENARIOS } from "../src/treaties/scenario-file.js";

const CLI = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const { library } = loadLibrary();
const hostile = hostileScenario();
const rokStrike = parse(readFileSync(join(BUILTIN_SCENARIOS, "korea-2025-rok-strike.yaml"), "utf8"));
const asked = (scenario: object) => whatIfRequest(library, normaliseScenario(scenario as never, library), {});

describe("the work budget, in the engine", () => {
  const engine = (limits: Partial<typeof DEFAULT_LIMITS>) =>
    new Engine(library, {
      threads: 0,
      limits: { ...DEFAULT_LIMITS, ...limits },
      cacheEntries: 0,
      recipe: { paths: [] },
    });

  it("stops a what-if past its time, naming what was exceeded", async () => {
    const error = await engine({ milliseconds: 50 })
      .answer(asked(hostile))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OverBudget);
    expect(error).toMatchObject({ exceeded: "time", limit: 50 });
  });

  it("stops a what-if past its number of provision tests", async () => {
    const error = await engine({ evaluations: 2_000 })
      .answer(asked(hostile))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ exceeded: "evaluations", limit: 2_000 });
  });

  it("stops the work for a client that went away", async () => {
    const gone = new AbortController();
    gone.abort();
    const error = await engine({})
      .answer(asked(hostile), gone.signal)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ exceeded: "cancelled" });
  });

  it("answers within budget as it would without one, and from its cache the second time", async () => {
    const cached = new Engine(library, {
      threads: 0,
      limits: DEFAULT_LIMITS,
      cacheEntries: 4,
      recipe: { paths: [] },
    });
    const first = await cached.answer(asked(rokStrike));
    expect(JSON.parse(first.toString("utf8")).schema).toBe("casus.result/2");
    expect(await cached.answer(asked(rokStrike))).toBe(first);
  });
});

describe("the server under a hostile what-if (engine threads)", () => {
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill("SIGTERM"));

  it("keeps /api/health answering while a 45-event disputed what-if runs, then answers it 422", async () => {
    child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        CLI,
        "serve",
        "--port",
        "0",
        "--data",
        mkdtempSync(join(tmpdir(), "casus-bounded-")),
        "--engine-threads",
        "1",
        "--budget-evaluations",
        "60000",
        "--library-only",
        fileURLToPath(new URL("../treaties", import.meta.url)),
      ],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CASUS_LOG_LEVEL: "warn" } },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child?.stdout?.on("data", (c: Buffer) => {
        out += c.toString();
        const m = /listening on (http:\/\/\S+?)[ ,]/.exec(out);
        if (m) resolve(m[1] as string);
      });
      child?.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    });
    const post = (body: unknown) =>
      fetch(`${url}/api/what-if`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    let done = false;
    const heavy = post(hostile).finally(() => {
      done = true;
    });
    const latencies: number[] = [];
    await new Promise((r) => setTimeout(r, 200));
    for (let k = 0; k < 5 && !done; k++) {
      const t = performance.now();
      const health = await fetch(`${url}/api/health`);
      latencies.push(performance.now() - t);
      expect(health.status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(
      `/api/health during the hostile what-if: ${latencies.map((l) => l.toFixed(1)).join(", ")} ms`,
    );
    const over = await heavy;
    expect(over.status).toBe(422);
    expect(await over.json()).toMatchObject({
      error: "budget-exceeded",
      exceeded: "evaluations",
      limit: 60000,
    });
    // A question within the budget is still answered.
    expect((await post(rokStrike)).status).toBe(200);
  });
});
