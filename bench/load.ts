// Load benchmark of the HTTP API: `npm run bench:load` (DURATION=30 CONNECTIONS=100 by default).
// The server runs in its own process on loopback, on the whole built-in library; autocannon sends a mix of
// different what-if scenarios (every shipped scenario at three dates, under two readings), so no two
// consecutive requests are the same. Each request says `Accept-Encoding: gzip`, as browsers and the web app
// do. It runs twice: with the answer cache, and without it. It also reports the median size of a what-if
// response, as JSON and as sent.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { parse } from "yaml";
import { BUILTIN_SCENARIOS } from "../src/treaties/scenario-file.js";

const duration = Number(process.env.DURATION ?? 30);
const connections = Number(process.env.CONNECTIONS ?? 100);
const library = process.env.LIBRARY ?? "all";
const workers = process.env.WORKERS ?? "1";
const threads = process.env.ENGINE_THREADS ?? "2";

const shipped = readdirSync(BUILTIN_SCENARIOS)
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => {
    const { expect: _expected, ...scenario } = parse(readFileSync(join(BUILTIN_SCENARIOS, f), "utf8")) as {
      as_of: string;
      expect?: unknown;
    };
    return scenario;
  });
const bodies: { path: string; body: string }[] = [];
for (const scenario of shipped) {
  for (const days of [0, 30, 365]) {
    const asOf = new Date(Date.parse(scenario.as_of) + days * 86_400_000).toISOString().slice(0, 10);
    for (const reading of ["victim", "territorial"]) {
      bodies.push({
        path: `/api/what-if?reading=${reading}`,
        body: JSON.stringify({ ...scenario, as_of: asOf }),
      });
    }
  }
}

async function startServer(cache: boolean): Promise<{ url: string; stop: () => void }> {
  const cli = new URL("../src/cli/main.ts", import.meta.url).pathname;
  const args = [
    "--import",
    "tsx",
    cli,
    "serve",
    "--port",
    "0",
    "--workers",
    workers,
    "--engine-threads",
    threads,
    "--log-level",
    "warn",
    // Every connection comes from this one address: lift the per-client cap so all of them are served.
    "--what-ifs-per-client",
    "10000",
    "--data",
    join(process.env.TMPDIR ?? "/tmp", `casus-load-${process.pid}-${cache}`),
  ];
  if (!cache) args.push("--cache-answers", "0");
  if (library === "korea") args.push("--library-only", join(BUILTIN_SCENARIOS, "../treaties/korea"));
  const server = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+?)[ ,]/.exec(out);
      if (match) resolve(match[1] as string);
    });
    server.on("exit", (code) => reject(new Error(`server exited (${code})`)));
  });
  return { url, stop: () => server.kill("SIGTERM") };
}

async function load(url: string) {
  let next = 0;
  return autocannon({
    url,
    connections,
    duration,
    timeout: 60,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json", "accept-encoding": "gzip" },
        setupRequest: (request) => {
          const item = bodies[next++ % bodies.length] as { path: string; body: string };
          return { ...request, path: item.path, body: item.body };
        },
      },
    ],
  });
}

console.log(
  `casus API load — ${library} library, ${workers} server process(es) × ${threads} engine thread(s), ${connections} connections, ${duration} s, ${bodies.length} distinct requests`,
);
for (const cache of [true, false]) {
  const server = await startServer(cache);
  const sizes: number[] = [];
  const sent: number[] = [];
  if (cache) {
    // Each request once: its size, and whether it is a question the library can answer on that date (a
    // scenario moved a year on may name a state that no longer exists: those leave the mix).
    const answerable: typeof bodies = [];
    for (const item of bodies) {
      const res = await fetch(`${server.url}${item.path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: item.body,
      });
      // fetch asks for gzip and inflates the body: Content-Length is what went over the wire.
      const size = (await res.arrayBuffer()).byteLength;
      if (res.ok) {
        sizes.push(size);
        sent.push(Number(res.headers.get("content-length") ?? size));
        answerable.push(item);
      }
    }
    bodies.splice(0, bodies.length, ...answerable);
  }
  const result = await load(server.url);
  server.stop();
  console.log(
    `\n${cache ? "with the answer cache" : "cache off (--cache-answers 0)"}, ${bodies.length} distinct requests:`,
  );
  console.log(
    `  requests: ${result.requests.total} (${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts)`,
  );
  console.log(`  throughput: ${result.requests.average.toFixed(1)} req/s`);
  console.log(
    `  latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
  );
  if (sizes.length) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const median = (list: number[]) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)] as number;
    console.log(
      `  what-if response size: median ${kb(median(sizes))} (${kb(median(sent))} as sent), largest ${kb(sizes.at(-1) as number)} (${kb(sent.at(-1) as number)} as sent)`,
    );
  }
}
