// C0 and C1 controls but tab and newline, DEL, and the bidirectional overrides that reorder what a
// terminal shows ("Trojan Source").
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text safe to print on a terminal: control characters become visible `\u001b`-style escapes, so a title
 * or file name cannot move the cursor, recolour the screen or rewrite what was printed before. The escape
 * is also valid inside a JSON string, so `--json` output stays parseable.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
