/**
 * A copy of a parsed JSON or YAML value whose strings and keys are well-formed UTF-16: a lone surrogate
 * becomes U+FFFD. SQLite stores UTF-8, which cannot hold a lone surrogate, so without this a title would
 * read back differently from the list than from the saved body. A `__proto__` key stays an ordinary own
 * key (the schema then reports it as an unknown field) and never becomes the copy's prototype.
 */
export function wellFormed(value: unknown): unknown {
  if (typeof value === "string") return value.toWellFormed();
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    Object.defineProperty(out, key.toWellFormed(), {
      value: wellFormed(child),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** How deeply arrays and objects nest, counted up to `limit + 1` (so a hostile value costs little). */
export function nestingDepth(value: unknown, limit: number, level = 0): number {
  if (level > limit || value === null || typeof value !== "object") return level;
  let max = level;
  for (const child of Object.values(value as object)) {
    max = Math.max(max, nestingDepth(child, limit, level + 1));
    if (max > limit) break;
  }
  return max;
}
