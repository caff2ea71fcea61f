import cluster from "node:cluster";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { formatProblem } from "../data/located.js";
import { buildApp } from "../server/app.js";
import { ScenarioStore } from "../server/store.js";
import type { Library } from "../treaties/library.js";
import { parseScenario } from "../treaties/scenario-file.js";
import { type Output, UsageError } from "./library-commands.js";

/** Where saved scenarios live unless `--data` or CASUS_DATA says otherwise. */
export function dataDir(option?: string): string {
  return resolve(option ?? process.env.CASUS_DATA ?? ".casus-data");
}

/** The built web app, if `npm run build:web` has made one. */
export const WEB_ROOT = fileURLToPath(new URL("../../dist/web", import.meta.url));

export async function serve(
  library: Library,
  options: { port?: string; host?: string; data?: string; workers?: string },
  io: Output,
  openAt = "",
): Promise<void> {
  const port = Number(options.port ?? process.env.PORT ?? 4319);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port: ${options.port} is not a port number`);
  const workers = Number(options.workers ?? 1);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new UsageError(`--workers: ${options.workers} is not 1–64`);
  if (workers > 1 && cluster.isPrimary) {
    // The engine is synchronous CPU work: several processes share the port, one per core. SQLite in WAL
    // mode takes writes from all of them.
    for (let i = 0; i < workers; i++) cluster.fork();
    let announced = false;
    cluster.on("message", (_worker, message: { address?: string }) => {
      if (message.address && !announced) {
        announced = true;
        io.out(`casus listening on ${message.address} (${workers} workers, data: ${dataDir(options.data)})`);
        if (existsSync(WEB_ROOT)) io.out(`open ${message.address}/${openAt}`);
      }
    });
    const stop = (signal: NodeJS.Signals) => {
      io.out(`${signal}: closing`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
    return;
  }
  const store = new ScenarioStore(dataDir(options.data));
  const app = buildApp({ library, store, webRoot: WEB_ROOT });
  const address = await app.listen({ port, host: options.host ?? "127.0.0.1" });
  if (cluster.isWorker) process.send?.({ address });
  else {
    io.out(`casus listening on ${address} (data: ${store.dataDir})`);
    if (existsSync(WEB_ROOT)) io.out(`open ${address}/${openAt}`);
  }
  const stop = async (signal: string) => {
    io.out(`${signal}: closing`);
    await app.close();
    store.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

export function exportScenarios(dir: string, data: string | undefined, io: Output): void {
  const store = new ScenarioStore(dataDir(data));
  try {
    mkdirSync(dir, { recursive: true });
    const all = store.all();
    for (const saved of all)
      writeFileSync(join(dir, `${saved.id}.yaml`), stringify({ ...saved.scenario, id: undefined }));
    io.out(`exported ${all.length} scenario(s) to ${dir}`);
  } finally {
    store.close();
  }
}

/** Imports scenario files all or nothing: one bad file and nothing is saved. */
export function importScenarios(path: string, library: Library, data: string | undefined, io: Output): void {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .map((f) => join(path, f))
    : [path];
  const items = files.map((file) => {
    const parsed = parseScenario(file, readFileSync(file, "utf8"), library);
    if ("problems" in parsed) {
      for (const p of parsed.problems) io.err(formatProblem(p));
      throw new UsageError(`nothing imported: ${file} has problems`);
    }
    const id = /([0-9a-f-]{36})\.(ya?ml|json)$/.exec(file)?.[1];
    return { ...(id ? { id } : {}), scenario: parsed.scenario };
  });
  const store = new ScenarioStore(dataDir(data));
  try {
    io.out(`imported ${store.importAll(items).length} scenario(s)`);
  } finally {
    store.close();
  }
}
