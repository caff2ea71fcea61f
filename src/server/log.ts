import { Writable } from "node:stream";
import { escapeControls } from "../data/terminal.js";

const LEVELS: Record<number, string> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};
const SKIP = new Set(["level", "time", "pid", "hostname", "msg", "v"]);

/** One pino JSON line made readable for a person at a terminal: time, level, message, then the fields. */
export function readableLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return escapeControls(json.trimEnd());
  }
  const time = new Date(Number(entry.time)).toISOString().slice(11, 19);
  const level = LEVELS[Number(entry.level)] ?? String(entry.level);
  const fields = Object.entries(entry)
    .filter(([key]) => !SKIP.has(key))
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  return escapeControls(
    `${time} ${level} ${String(entry.msg ?? "")}${fields.length ? `  ${fields.join(" ")}` : ""}`,
  );
}

/**
 * The server's logger (pino, through Fastify): on at `level`; JSON lines when stdout is not a terminal or
 * NODE_ENV is production (for log collectors), one readable line per entry otherwise.
 */
export function loggerOptions(level = "info", out: NodeJS.WriteStream = process.stdout) {
  const json = !out.isTTY || process.env.NODE_ENV === "production";
  if (json) return { level, stream: out };
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.write(`${readableLine(chunk.toString())}\n`);
      done();
    },
  });
  return { level, stream };
}
