// The server is killed with SIGKILL in the middle of a burst of saves and restarted on the same data:
// every save it acknowledged must still be there, and the database must open cleanly.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ScenarioStore } from "../src/server/store.js";
import { BUILTIN_SCENARIOS } from "../src/treaties/scenario-file.js";

const CLI = new URL("../src/cli/main.ts", import.meta.url).pathname;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
});

function start(dataDir: string): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown> }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      CLI,
      "serve",
      "--port",
      "0",
      "--data",
      dataDir,
      "--library-only",
      join(BUILTIN_SCENARIOS, "../treaties/korea"),
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  const exited = new Promise((r) => child.once("exit", r));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1] as string, exited });
    });
    child.on("exit", (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

describe("crash safety", () => {
  it("keeps every acknowledged save through a SIGKILL", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "casus-crash-"));
    const scenario = parse(readFileSync(join(BUILTIN_SCENARIOS, "korea-2025-rok-strike.yaml"), "utf8"));
    const first = await start(dataDir);
    const acknowledged: string[] = [];
    let killed = false;
    const save = async (i: number) => {
      try {
        const res = await fetch(`${first.url}/api/scenarios`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ ...scenario, title: `burst ${i}` }),
        });
        if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
      } catch {
        // Requests in flight when the server dies fail; they were never acknowledged.
      }
      if (!killed && acknowledged.length >= 60) {
        killed = true;
        first.child.kill("SIGKILL");
      }
    };
    const inFlight = 16;
    for (let i = 0; i < 400 && !killed; i += inFlight) {
      await Promise.all(Array.from({ length: inFlight }, (_, k) => save(i + k)));
    }
    expect(killed).toBe(true);
    await first.exited;

    const second = await start(dataDir);
    for (const id of acknowledged) {
      const res = await fetch(`${second.url}/api/scenarios/${id}`);
      expect(res.status, id).toBe(200);
    }
    second.child.kill("SIGTERM");
    await second.exited;
    const store = new ScenarioStore(dataDir);
    expect(store.integrityCheck()).toBe("ok");
    expect(store.count()).toBeGreaterThanOrEqual(acknowledged.length);
    store.close();
  });
});
