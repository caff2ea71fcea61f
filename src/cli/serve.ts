import cluster, { type Worker } from "node:cluster";
import { existsSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { buildApp } from "../server/app.js";
import { DEFAULT_LIMITS, defaultThreads, Engine, type EngineRecipe } from "../server/engine-pool.js";
import { bindingProblem, type Exposure, isLoopback, isWildcard } from "../server/exposure.js";
import { loggerOptions } from "../server/log.js";
import { ScenarioStore } from "../server/store.js";
import type { Library } from "../treaties/library.js";
import { BUILTIN_LIBRARY } from "../treaties/load.js";
import { type Output, UsageError } from "./library-commands.js";

/** Where saved scenarios live unless `--data` or CASUS_DATA says otherwise. */
export function dataDir(option?: string): string {
  return resolve(option ?? process.env.CASUS_DATA ?? ".casus-data");
}

/** The built web app, if `npm run build:web` has made one. */
export const WEB_ROOT = fileURLToPath(new URL("../../dist/web", import.meta.url));

export interface ServeOptions {
  port?: string;
  host?: string;
  data?: string;
  workers?: string;
  token?: string;
  allowHost?: string[];
  logLevel?: string;
  /** Engine threads per process (default: one per core); 0 answers on the HTTP thread. */
  engineThreads?: string;
  /** The work budget of one what-if: wall time in ms, and provision tests. */
  budgetMs?: string;
  budgetEvaluations?: string;
  /** Answers kept for identical what-ifs (default 256; 0: no cache). */
  cacheAnswers?: string;
  /** How the engine threads rebuild the library (the command's treaty directories and ATOP copy). */
  recipe?: EngineRecipe;
}

function count(
  option: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${option}: ${value} is not ${min}–${max}`);
  return n;
}

/** Workers that die within this window count against the restart budget. */
const RESTART_WINDOW_MS = 60_000;
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

type WorkerMessage = { address?: string; addresses?: string[] } | { error?: string };

/** What to print as "listening on": every address the socket really has (all interfaces for 0.0.0.0). */
function listeningAddresses(host: string, port: number): string[] {
  const url = (address: string) => `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
  if (!isWildcard(host)) return [url(host.replace(/^\[(.*)\]$/, "$1"))];
  const v6 = host.includes(":");
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((i) => v6 || i.family === "IPv4")
    .map((i) => url(i.address));
}

export async function serve(library: Library, options: ServeOptions, io: Output, openAt = ""): Promise<void> {
  const port = Number(options.port ?? process.env.PORT ?? 4319);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port: ${options.port} is not a port number`);
  const workers = Number(options.workers ?? 1);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new UsageError(`--workers: ${options.workers} is not 1–64`);
  const level = options.logLevel ?? process.env.CASUS_LOG_LEVEL ?? "info";
  if (!LOG_LEVELS.includes(level)) throw new UsageError(`--log-level: one of ${LOG_LEVELS.join(", ")}`);
  const exposure: Exposure = {
    host: options.host ?? "127.0.0.1",
    allowedHosts: [
      ...(options.allowHost ?? []),
      ...(process.env.CASUS_ALLOWED_HOSTS ?? "").split(",").filter(Boolean),
    ],
    ...((options.token ?? process.env.CASUS_TOKEN)
      ? { token: options.token ?? process.env.CASUS_TOKEN }
      : {}),
  };
  const refused = bindingProblem(exposure);
  if (refused) throw new UsageError(refused);
  const data = dataDir(options.data);
  const announce = (addresses: string[], extra = "") => {
    if (!isLoopback(exposure.host))
      io.err(
        `casus: warning: listening beyond this machine (--host ${exposure.host}); every /api route but /api/health needs the token`,
      );
    io.out(`casus listening on ${addresses.join(", ")} (${extra}data: ${data})`);
    const first = addresses.find((a) => !a.includes("[")) ?? addresses[0];
    if (existsSync(WEB_ROOT) && first)
      io.out(`open ${first}/${exposure.token ? `?token=${encodeURIComponent(exposure.token)}` : openAt}`);
  };

  if (workers > 1 && cluster.isPrimary) {
    superviseWorkers(workers, level, announce, io);
    return;
  }

  const engine = new Engine(library, {
    threads: count("--engine-threads", options.engineThreads, defaultThreads(), 0, 64),
    limits: {
      milliseconds: count("--budget-ms", options.budgetMs, DEFAULT_LIMITS.milliseconds, 1, 3_600_000),
      evaluations: count(
        "--budget-evaluations",
        options.budgetEvaluations,
        DEFAULT_LIMITS.evaluations,
        1,
        1e9,
      ),
    },
    cacheEntries: count("--cache-answers", options.cacheAnswers, 256, 0, 100_000),
    recipe: options.recipe ?? { paths: [BUILTIN_LIBRARY] },
  });
  // Each thread loads the library now, so the first request does not wait for it.
  await engine.warm();
  const logger = loggerOptions(level);
  const store = new ScenarioStore(data, { tolerateFaults: true });
  const app = buildApp({ library, store, webRoot: WEB_ROOT, logger, exposure, engine });
  try {
    await app.listen({ port, host: exposure.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "EADDRINUSE"
        ? `port ${port} on ${exposure.host} is in use (another casus?): choose another with --port`
        : code === "EADDRNOTAVAIL"
          ? `--host ${exposure.host} is not an address of this machine`
          : `cannot listen on ${exposure.host}:${port}: ${(error as Error).message}`;
    store.close();
    if (cluster.isWorker) {
      process.send?.({ error: message } satisfies WorkerMessage);
      process.exit(1);
    }
    throw new UsageError(message);
  }
  const bound = app.server.address();
  const addresses =
    bound && typeof bound === "object"
      ? listeningAddresses(exposure.host, bound.port)
      : app.addresses().map(String);
  if (cluster.isWorker) process.send?.({ addresses } satisfies WorkerMessage);
  else announce(addresses);
  const stop = async (signal: string) => {
    if (!cluster.isWorker) io.out(`${signal}: closing`);
    await app.close();
    store.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

/**
 * Runs `count` worker processes sharing the port (the engine is synchronous CPU work; SQLite in WAL mode
 * takes writes from all of them). A worker that dies is logged and replaced. When workers cannot start at
 * all, or keep dying, the server exits non-zero with the reason instead of living on with none.
 */
function superviseWorkers(
  count: number,
  level: string,
  announce: (addresses: string[], extra: string) => void,
  io: Output,
): void {
  const { stream, ...logOptions } = loggerOptions(level, process.stdout);
  const log = pino(logOptions, stream);
  const ready = new WeakSet<Worker>();
  const lastError = new WeakMap<Worker, string>();
  let everReady = false;
  let stopping = false;
  const deaths: number[] = [];

  const giveUp = (reason: string) => {
    stopping = true;
    log.fatal(reason);
    io.err(`casus: ${reason}`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 2000).unref();
  };

  const fork = () => {
    const worker = cluster.fork();
    worker.on("message", (message: WorkerMessage) => {
      if ("error" in message && message.error) lastError.set(worker, message.error);
      if ("addresses" in message && message.addresses) {
        ready.add(worker);
        if (!everReady) {
          everReady = true;
          announce(message.addresses, `${count} workers, `);
        }
      }
    });
  };

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    const why = lastError.get(worker);
    if (!ready.has(worker) && !everReady) {
      giveUp(`workers could not start: ${why ?? `worker ${worker.process.pid} exited with ${how}`}`);
      return;
    }
    const now = Date.now();
    deaths.push(now);
    while ((deaths[0] ?? now) < now - RESTART_WINDOW_MS) deaths.shift();
    if (deaths.length > count * 3) {
      giveUp(`workers keep dying (${deaths.length} in the last minute; last: ${why ?? how}): stopping`);
      return;
    }
    log.warn(
      { pid: worker.process.pid, exit: how },
      `worker ${worker.process.pid} died (${how}); starting another`,
    );
    fork();
  });

  for (let i = 0; i < count; i++) fork();
  const stop = (signal: NodeJS.Signals) => {
    io.out(`${signal}: closing`);
    stopping = true;
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}
