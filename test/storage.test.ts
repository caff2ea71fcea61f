// Real storage faults on a small tmpfs: a full disk and a read-only data directory. Each gives 503 naming
// its cause, /api/health says the database is not writable, and both recover by themselves once the cause
// is gone. Mounting needs root (as on the developers' machines and CI); elsewhere these tests are skipped.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildApp } from "../src/server/app.js";
import { ScenarioStore } from "../src/server/store.js";
import { KOREA_LIBRARY, loadLibrary } from "../src/treaties/load.js";
import { BUILTIN_SCENARIOS } from "../src/treaties/scenario-file.js";

const { library } = loadLibrary([KOREA_LIBRARY]);
const rokStrike = parse(readFileSync(join(BUILTIN_SCENARIOS, "korea-2025-rok-strike.yaml"), "utf8"));
const mounts: string[] = [];
const cleanup: (() => unknown)[] = [];

function mount(options: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), "casus-tmpfs-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  mounts.push(dir);
  return dir;
}
const canMount = (() => {
  const dir = mount("size=64k");
  return dir !== undefined;
})();

afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  for (const dir of mounts) execFileSync("umount", ["-l", dir]);
});

/** A server on the directory; its log lines (pino JSON) are collected in `logs`. */
function server(dataDir: string): {
  app: FastifyInstance;
  store: ScenarioStore;
  logs: Record<string, unknown>[];
} {
  const store = new ScenarioStore(dataDir, { tolerateFaults: true });
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const app = buildApp({ library, store, logger: { level: "info", stream } });
  cleanup.push(
    () => app.close(),
    () => store.close(),
  );
  return { app, store, logs };
}

const save = (app: FastifyInstance) =>
  app.inject({ method: "POST", url: "/api/scenarios", payload: rokStrike });

/** Asks until the answer has the status (the store retries a lost connection at most once a second). */
async function eventually(app: FastifyInstance, url: string, status: number) {
  for (let i = 0; i < 40; i++) {
    const res = await app.inject(url);
    if (res.statusCode === status) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered ${status}`);
}

describe.skipIf(!canMount)("storage faults (tmpfs)", () => {
  it("a full disk: 503 naming it, health not writable, and back to normal once space is freed", async () => {
    const dir = mount("size=1m") as string;
    const { app, logs } = server(dir);
    expect((await save(app)).statusCode).toBe(201);
    // Fill the disk to the last byte.
    try {
      writeFileSync(join(dir, "filler"), Buffer.alloc(4 * 1024 * 1024));
    } catch {
      // ENOSPC: the file holds what fitted.
    }
    for (let i = 0; ; i++) {
      try {
        writeFileSync(join(dir, `crumb-${i}`), Buffer.alloc(512));
      } catch {
        break;
      }
    }
    const full = await save(app);
    expect(full.statusCode).toBe(503);
    expect(full.json()).toMatchObject({ error: "storage", cause: "disk-full" });
    expect(full.json().message).toMatch(/disk holding the data directory is full/);
    const health = await app.inject("/api/health");
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ ok: false, storage: { writable: false, cause: "disk-full" } });
    // Reads still work.
    expect((await app.inject("/api/scenarios")).json().total).toBe(1);

    rmSync(join(dir, "filler"));
    expect((await eventually(app, "/api/health", 200)).json().storage).toEqual({ writable: true });
    expect((await save(app)).statusCode).toBe(201);
    // Logged once when it started failing (level 50: error) and once when it recovered.
    expect(logs.filter((l) => l.cause === "disk-full")).toEqual([
      expect.objectContaining({
        level: 50,
        msg: expect.stringMatching(/disk holding the data directory is full/),
      }),
    ]);
    expect(logs.at(-1)).toMatchObject({ level: 30, msg: "storage writable again" });
  });

  it("a read-only data directory: 503 naming it, health not writable, and writable again once remounted", async () => {
    const dir = mount("size=4m") as string;
    const first = new ScenarioStore(dir);
    first.create(rokStrike);
    first.close();
    execFileSync("mount", ["-o", "remount,ro", dir]);

    const { app } = server(dir);
    const refused = await save(app);
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ error: "storage", cause: "read-only" });
    expect(refused.json().message).toMatch(/data directory is read-only/);
    const health = await app.inject("/api/health");
    expect(health.statusCode).toBe(503);
    expect(health.json().storage).toMatchObject({ writable: false, cause: "read-only" });

    execFileSync("mount", ["-o", "remount,rw", dir]);
    await eventually(app, "/api/health", 200);
    expect((await save(app)).statusCode).toBe(201);
    expect((await app.inject("/api/scenarios")).json().total).toBe(2);
  });
});
