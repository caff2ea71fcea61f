// The kill test: a server is SIGKILLed again and again in the middle of saves, updates and imports, and
// restarted on the same data. Every write it acknowledged must be there afterwards, at least at the version
// acknowledged, and the database must pass integrity_check. `npm run kill-test -- --kills 20`;
// test/crash.test.ts runs a few kills of it in every `npm test`.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { ScenarioStore } from "../src/server/store.js";
import { KOREA_LIBRARY } from "../src/treaties/load.js";
import { BUILTIN_SCENARIOS } from "../src/treaties/scenario-file.js";

const CLI = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const scenario = parse(readFileSync(join(BUILTIN_SCENARIOS, "korea-2025-rok-strike.yaml"), "utf8"));

export interface KillReport {
  kills: number;
  acknowledged: { saves: number; updates: number; imports: number };
  /** Acknowledged writes missing, or found at an older version, after a restart. */
  lost: string[];
  /** Writes the server committed but was killed before acknowledging (allowed: never promised). */
  unacknowledgedButKept: number;
  integrity: string;
  seconds: number;
}

interface Server {
  child: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}

function start(dataDir: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CLI, "serve", "--port", "0", "--data", dataDir, "--library-only", KOREA_LIBRARY],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CASUS_LOG_LEVEL: "warn" } },
  );
  const exited = new Promise((r) => child.once("exit", r));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+?)[ ,]/.exec(out);
      if (match) resolve({ child, url: match[1] as string, exited });
    });
    child.once("exit", (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

/** What the client was told is saved: per id, the version and title acknowledged last. */
type Acknowledged = Map<string, { version: number; title: string }>;

async function verify(url: string, acknowledged: Acknowledged, report: KillReport): Promise<void> {
  for (const [id, ack] of acknowledged) {
    const res = await fetch(`${url}/api/scenarios/${id}`);
    if (res.status !== 200) {
      report.lost.push(`${id}: ${res.status} (acknowledged at version ${ack.version})`);
      continue;
    }
    const saved = (await res.json()) as { version: number; title: string };
    if (saved.version < ack.version) report.lost.push(`${id}: version ${saved.version} < ${ack.version}`);
    else if (saved.version === ack.version && saved.title !== ack.title)
      report.lost.push(`${id}: version ${ack.version} holds "${saved.title}", not "${ack.title}"`);
    else if (saved.version > ack.version) {
      report.unacknowledgedButKept++;
      acknowledged.set(id, { version: saved.version, title: saved.title });
    }
  }
}

/** One burst of writes against a live server, until it is killed after `killAfter` acknowledgements. */
async function burst(server: Server, acknowledged: Acknowledged, report: KillReport, killAfter: number) {
  let acks = 0;
  let killed = false;
  let n = 0;
  const ack = () => {
    acks++;
    if (!killed && acks >= killAfter) {
      killed = true;
      server.child.kill("SIGKILL");
    }
  };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}, method = "POST") =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const one = async () => {
    const i = n++;
    const ids = [...acknowledged.keys()];
    const kind = ids.length < 5 ? 0 : i % 3;
    if (kind === 0) {
      const title = `save ${i}`;
      const res = await post("/api/scenarios", { ...scenario, title });
      if (res.status === 201) {
        acknowledged.set(((await res.json()) as { id: string }).id, { version: 1, title });
        report.acknowledged.saves++;
        ack();
      }
    } else if (kind === 1) {
      const id = ids[i % ids.length] as string;
      const known = acknowledged.get(id) as { version: number };
      const title = `update ${i}`;
      const res = await post(
        `/api/scenarios/${id}`,
        { ...scenario, title },
        { "if-match": `"${known.version}"` },
        "PUT",
      );
      if (res.status === 200) {
        const saved = (await res.json()) as { version: number };
        const current = acknowledged.get(id);
        if (!current || current.version < saved.version)
          acknowledged.set(id, { version: saved.version, title });
        report.acknowledged.updates++;
        ack();
      }
    } else {
      const items = [0, 1, 2].map((k) => ({
        id: randomUUID(),
        scenario: { ...scenario, title: `import ${i}.${k}` },
      }));
      const res = await post("/api/import", { format: "casus.scenarios/1", scenarios: items });
      if (res.status === 200) {
        for (const item of items) acknowledged.set(item.id, { version: 1, title: item.scenario.title });
        report.acknowledged.imports++;
        ack();
      }
    }
  };
  const worker = async () => {
    while (!killed) {
      try {
        await one();
      } catch {
        // In flight when the server died: never acknowledged, so never promised.
      }
    }
  };
  await Promise.all(Array.from({ length: 12 }, worker));
  await server.exited;
}

export async function killTest(
  kills: number,
  dataDir = mkdtempSync(join(tmpdir(), "casus-kill-")),
): Promise<KillReport> {
  const started = performance.now();
  const report: KillReport = {
    kills: 0,
    acknowledged: { saves: 0, updates: 0, imports: 0 },
    lost: [],
    unacknowledgedButKept: 0,
    integrity: "",
    seconds: 0,
  };
  const acknowledged: Acknowledged = new Map();
  for (let k = 0; k < kills; k++) {
    const server = await start(dataDir);
    await verify(server.url, acknowledged, report);
    // Killed after a varying number of acknowledged writes, so the kill lands in different operations.
    await burst(server, acknowledged, report, 15 + ((k * 37) % 60));
    report.kills++;
  }
  const last = await start(dataDir);
  await verify(last.url, acknowledged, report);
  last.child.kill("SIGTERM");
  await last.exited;
  const store = new ScenarioStore(dataDir);
  report.integrity = store.integrityCheck();
  store.close();
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf("--kills");
  const kills = Number(i >= 0 ? process.argv[i + 1] : 20);
  const report = await killTest(kills);
  console.log(JSON.stringify(report, null, 2));
  const writes = report.acknowledged.saves + report.acknowledged.updates + report.acknowledged.imports;
  console.log(
    `${report.kills} SIGKILLs, ${writes} acknowledged writes (${report.acknowledged.saves} saves, ${report.acknowledged.updates} updates, ${report.acknowledged.imports} imports of 3), lost: ${report.lost.length}, integrity_check: ${report.integrity}`,
  );
  process.exitCode = report.lost.length === 0 && report.integrity === "ok" ? 0 : 1;
}
