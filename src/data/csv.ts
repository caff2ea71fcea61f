import { parse } from "csv-parse/sync";

/** Parses a CSV file with a header row into records keyed by column name. */
export function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
}
