// Load benchmark of the HTTP API: `npm run bench:load` (DURATION=30 CONNECTIONS=100 by default).
// The server runs in its own process on loopback; autocannon sends a mix of different what-if scenarios
// (shipped scenarios at varied dates and readings), so no two consecutive requests are the same.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { parse } from "yaml";
import { BUILTIN_SCENARIOS } from "../src/treaties/scenario-file.js";

const duration = Number(process.env.DURATION ?? 30);
const connections = Number(process.env.CONNECTIONS ?? 100);
const library = process.env.LIBRARY ?? "korea";
const workers = process.env.WORKERS ?? "2";

const shipped = readdirSync(BUILTIN_SCENARIOS)
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => parse(readFileSync(join(BUILTIN_SCENARIOS, f), "utf8")) as { as_of: string });
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
  "--data",
  join(process.env.TMPDIR ?? "/tmp", `casus-load-${process.pid}`),
];
if (library === "korea") args.push("--library-only", join(BUILTIN_SCENARIOS, "../treaties/korea"));
const server = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise<string>((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    const match = /listening on (http:\/\/\S+)/.exec(out);
    if (match) resolve(match[1] as string);
  });
  server.on("exit", (code) => reject(new Error(`server exited (${code})`)));
});

let next = 0;
const result = await autocannon({
  url,
  connections,
  duration,
  requests: [
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      setupRequest: (request) => {
        const item = bodies[next++ % bodies.length] as { path: string; body: string };
        return { ...request, path: item.path, body: item.body };
      },
    },
  ],
});
server.kill("SIGTERM");

console.log(
  `casus API load — ${library} library, ${workers} server worker(s), ${connections} connections, ${duration} s, ${bodies.length} distinct requests`,
);
console.log(
  `requests: ${result.requests.total} (${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts)`,
);
console.log(`throughput: ${result.requests.average.toFixed(1)} req/s`);
console.log(
  `latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
);
