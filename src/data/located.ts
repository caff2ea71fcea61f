import { isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";

/** One problem in an input file, pointing at the line and field a person has to change. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  field?: string;
  message: string;
  fix?: string;
}

export function formatProblem(problem: Problem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const field = problem.field ? ` ${problem.field}:` : "";
  const fix = problem.fix ? ` (fix: ${problem.fix})` : "";
  return `${where}:${field} ${problem.message}${fix}`;
}

export type Path = readonly (string | number)[];

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
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const error = doc.errors[0];
    if (error) {
      const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
      const message = error.message.split("\n")[0] ?? error.message;
      return { file, line: pos.line, column: pos.col, message: `malformed YAML: ${message}` };
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      return { file, line: 1, column: 1, message: `malformed YAML: ${(cause as Error).message}` };
    }
    return new LocatedYaml(file, value, doc, lines);
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
      problems.push(this.problem(path, describeIssue(issue), fixFor(issue)));
    }
    return { problems };
  }
}

export function fieldName(path: Path): string | undefined {
  if (path.length === 0) return undefined;
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `unknown field(s) ${issue.keys.join(", ")}`;
  if (issue.code === "invalid_type" && issue.input === undefined) return `missing required field`;
  return issue.message;
}

function fixFor(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === "unrecognized_keys")
    return "remove it or check its spelling against docs/treaty-format.md";
  if (issue.code === "invalid_value" && "values" in issue) return `use one of: ${issue.values.join(", ")}`;
  return undefined;
}
