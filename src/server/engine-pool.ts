import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import Tinypool from "tinypool";
import type { AtopOptions } from "../cli/history.js";
import { BudgetExceeded, budget, whatIf } from "../engine/index.js";
import type { Library } from "../treaties/library.js";
import { Lru } from "./lru.js";
import { present, type WhatIfRequest } from "./requests.js";

/** How an engine thread rebuilds the server's library: the same treaty directories and ATOP copy. */
export interface EngineRecipe {
  paths: string[];
  maxBytes?: number;
  atop?: AtopOptions;
}

/** The work one what-if may do before it stops and answers 422. */
export interface WorkLimits {
  milliseconds: number;
  evaluations: number;
}

export const DEFAULT_LIMITS: WorkLimits = { milliseconds: 20_000, evaluations: 5_000_000 };

export type EngineTask =
  | { kind: "warm" }
  | { kind: "what-if"; request: WhatIfRequest; limits: WorkLimits; cancel: SharedArrayBuffer };

/** The answer as JSON text: serialised in the engine thread, and cached as it is sent. */
export type EngineReply =
  | { ok: true; value: string | null }
  | { ok: false; exceeded: BudgetExceeded["what"]; limit: number };

/** A what-if that ran past its budget, or whose client went away. */
export class OverBudget extends Error {
  constructor(
    readonly exceeded: BudgetExceeded["what"],
    readonly limit: number,
  ) {
    super(
      exceeded === "cancelled"
        ? "the client went away: the work stopped"
        : `work budget exceeded: ${exceeded === "time" ? `more than ${limit} ms` : `more than ${limit} provision tests`}`,
    );
  }
}

export interface EngineSettings {
  /** Engine threads; 0 answers in the calling thread (tests, the CLI). */
  threads: number;
  limits: WorkLimits;
  /** Answers kept for identical requests; 0 turns the cache off. */
  cacheEntries: number;
  recipe: EngineRecipe;
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Runs what-ifs off the HTTP event loop, in threads that load the library once, each request within its
 * work budget. A request whose client disconnects stops at its next budget check. Identical requests
 * (scenario, options, readings, library) may be answered from a small cache.
 */
export class Engine {
  private readonly pool: Tinypool | null;
  private readonly cache: Lru<Buffer>;
  private readonly fingerprint: string;

  constructor(
    private readonly library: Library,
    readonly settings: EngineSettings,
  ) {
    this.cache = new Lru(settings.cacheEntries);
    this.fingerprint = createHash("sha256")
      .update(library.instruments.map((i) => `${i.id}@${i.dates.signed}`).join(","))
      .digest("hex")
      .slice(0, 16);
    if (settings.threads > 0) {
      // Run from TypeScript sources (development, tests), a thread first registers the same loader.
      const fromSources = extname(fileURLToPath(import.meta.url)) === ".ts";
      const filename = fileURLToPath(
        new URL(fromSources ? "./engine-worker.dev.mjs" : "./engine-worker.js", import.meta.url),
      );
      this.pool = new Tinypool({
        filename,
        minThreads: settings.threads,
        maxThreads: settings.threads,
        workerData: settings.recipe,
      });
    } else {
      this.pool = null;
    }
  }

  /** Starts every thread and loads the library into it, so the first request does not pay for it. */
  async warm(): Promise<void> {
    if (!this.pool) return;
    await Promise.all(Array.from({ length: this.settings.threads }, () => this.pool?.run({ kind: "warm" })));
  }

  /**
   * The answer to a what-if as UTF-8 JSON (a result, or `{markdown}` / `{text}` as the request asks): bytes,
   * so a cached answer is sent without being encoded again.
   */
  async answer(request: WhatIfRequest, signal?: AbortSignal): Promise<Buffer> {
    const key = this.settings.cacheEntries > 0 ? this.keyOf(request) : null;
    const hit = key ? this.cache.get(key) : undefined;
    if (hit) return hit;
    const value = Buffer.from(
      this.pool ? await this.inThread(request, signal) : this.here(request, signal),
      "utf8",
    );
    if (key) this.cache.set(key, value);
    return value;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }

  private keyOf(request: WhatIfRequest): string {
    return createHash("sha256")
      .update(this.fingerprint)
      .update(
        JSON.stringify([request.scenario, request.options, request.explain, request.format, request.all]),
      )
      .digest("hex");
  }

  private here(request: WhatIfRequest, signal?: AbortSignal): string {
    try {
      const result = whatIf(this.library.namedOn(request.scenario.as_of), request.scenario, {
        ...request.options,
        budget: budget({ ...this.settings.limits, cancelled: () => signal?.aborted ?? false }),
      });
      return JSON.stringify(present(request, result));
    } catch (error) {
      if (error instanceof BudgetExceeded) throw new OverBudget(error.what, error.limit);
      throw error;
    }
  }

  private async inThread(request: WhatIfRequest, signal?: AbortSignal): Promise<string> {
    const cancel = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancel);
    const stop = () => Atomics.store(flag, 0, 1);
    signal?.addEventListener("abort", stop, { once: true });
    try {
      const task: EngineTask = { kind: "what-if", request, limits: this.settings.limits, cancel };
      const reply = (await (this.pool as Tinypool).run(task)) as EngineReply;
      if (!reply.ok) throw new OverBudget(reply.exceeded, reply.limit);
      return reply.value as string;
    } finally {
      signal?.removeEventListener("abort", stop);
    }
  }
}
