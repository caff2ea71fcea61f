import { isCollection, isNode, LineCounter, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { nestingDepth, wellFormed } from "./well-formed.js";

/** One problem in an input file, pointing at the line and field a person has to change. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  field?: string;
  message: string;
  fix?: string;
}

/** A mapping key that is itself a list or mapping (`[a]: 1`), which no casus field can be. */
function collectionKey(
  doc: ReturnType<typeof parseDocument>,
): { pos: [number, number]; message: string } | undefined {
  let found: { pos: [number, number]; message: string } | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isCollection(pair.key) && pair.key.range) {
        found = {
          pos: [pair.key.range[0], pair.key.range[1]],
          message: "a key must be plain text, not a list or mapping",
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export function formatProblem(problem: Problem): string {
  // Line 0: the problem is with the file as a whole (it cannot be read), not a place in it.
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  const field = problem.field ? ` ${problem.field}:` : "";
  const fix = problem.fix ? ` (fix: ${problem.fix})` : "";
  return `${where}:${field} ${problem.message}${fix}`;
}

export type Path = readonly (string | number)[];

/** Far deeper than any treaty or scenario needs; deeper input is a mistake or an attack. */
export const MAX_NESTING = 64;

/** The path down the deepest branch of a value, `limit` steps long at most (to point at deep nesting). */
function deepestPath(value: unknown, limit: number): Path {
  const path: (string | number)[] = [];
  let node = value;
  while (path.length < limit && node !== null && typeof node === "object") {
    let deepest: [string, unknown] | undefined;
    let depth = -1;
    for (const entry of Object.entries(node)) {
      const d = nestingDepth(entry[1], limit);
      if (d > depth) [deepest, depth] = [entry, d];
    }
    if (!deepest) break;
    path.push(Array.isArray(node) ? Number(deepest[0]) : deepest[0]);
    node = deepest[1];
  }
  return path;
}

/** A parsed YAML file that can say where any field of it stands. */
export class LocatedYaml {
  private constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly doc: ReturnType<typeof parseDocument>,
    private readonly lines: LineCounter,
  ) {}

  /** Parses text; a syntax error comes back as a single problem rather than a half-read value. */
  static parse(file: string, text: string): LocatedYaml | Problem {
    const lines = new LineCounter();
    // logLevel "error": the parser's warnings would go to the process (printed raw); ours are problems.
    const doc = parseDocument(text, {
      lineCounter: lines,
      uniqueKeys: true,
      prettyErrors: false,
      logLevel: "error",
    });
    const error = doc.errors[0] ?? collectionKey(doc);
    if (error) {
      // Without prettyErrors the error has only its offset: the line and column come from the counter.
      const { line, col } = lines.linePos(error.pos[0]);
      const first = error.message.split("\n")[0] ?? error.message;
      const message = /Maximum call stack/.test(first)
        ? `nested too deeply to read (casus files nest at most ${MAX_NESTING} levels)`
        : `malformed YAML: ${first.replace(/ at line \d+, column \d+:?$/, "")}`;
      return { file, line, column: col, message };
    }
    let value: unknown;
    try {
      value = wellFormed(doc.toJS({ maxAliasCount: 100 }));
    } catch (cause) {
      return { file, line: 1, column: 1, message: `malformed YAML: ${(cause as Error).message}` };
    }
    const yaml = new LocatedYaml(file, value, doc, lines);
    if (nestingDepth(value, MAX_NESTING) > MAX_NESTING)
      return yaml.problem(deepestPath(value, MAX_NESTING), `nested deeper than ${MAX_NESTING} levels`);
    return yaml;
  }

  /** The position of the deepest node on `path` that exists (a missing field points at its parent). */
  locate(path: Path): { line: number; column: number } {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const pos = this.lines.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  }

  problem(path: Path, message: string, fix?: string): Problem {
    return {
      file: this.file,
      ...this.locate(path),
      field: fieldName(path),
      message,
      ...(fix ? { fix } : {}),
    };
  }

  /** Validates against a schema; each issue becomes a located problem. */
  validate<T extends z.ZodType>(schema: T): { data: z.infer<T> } | { problems: Problem[] } {
    const parsed = schema.safeParse(this.value);
    if (parsed.success) return { data: parsed.data };
    const seen = new Set<string>();
    const problems: Problem[] = [];
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      const key = path.join(".");
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(this.problem(path, describeIssue(issue, this.value), fixFor(issue)));
    }
    return { problems };
  }
}

export function fieldName(path: Path): string | undefined {
  if (path.length === 0) return undefined;
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** The value at a path, and whether anything is there at all. */
function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key))
      return { found: false, value: undefined };
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: node };
}

/** What a value is, for "expected X, found Y": its type, and the value itself when short. */
export function describeValue(value: unknown): string {
  if (value === null) return "null (an empty value)";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value instanceof Date) return `a date (${value.toISOString().slice(0, 10)}; quote it to keep it text)`;
  if (typeof value === "object") return "a mapping";
  const shown = JSON.stringify(value) ?? String(value);
  return `${typeof value} ${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown}`;
}

/** One schema issue in words: a missing field says so; a wrong type says what was expected and found. */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  if (issue.code === "unrecognized_keys") return `unknown field(s) ${issue.keys.join(", ")}`;
  if (issue.code === "invalid_type") {
    const at = valueAt(root, issue.path);
    if (!at.found || at.value === undefined) return "missing required field";
    return `expected ${issue.expected}, found ${describeValue(at.value)}`;
  }
  return issue.message;
}

function fixFor(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === "unrecognized_keys")
    return "remove it or check its spelling against docs/treaty-format.md";
  if (issue.code === "invalid_value" && "values" in issue) return `use one of: ${issue.values.join(", ")}`;
  return undefined;
}
