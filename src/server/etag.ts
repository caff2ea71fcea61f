import type { Expected } from "./store.js";

/** The ETag of a saved scenario's version: strong, since one version always has one representation. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * What an `If-Match` header asks for: `*`, or the one version its tag names. Several tags, weak tags and
 * tags this server never gave are answered as the RFC 9110 says: a weak tag never matches; a list matches
 * if any member does, so the first of ours is the one that counts.
 */
export function parseIfMatch(
  header: string | undefined,
): { expected: Expected } | { missing: true } | { invalid: string } {
  if (header === undefined || header.trim() === "") return { missing: true };
  if (header.trim() === "*") return { expected: "*" };
  const tags = header.split(",").map((t) => t.trim());
  for (const tag of tags) {
    const match = /^"(\d{1,15})"$/.exec(tag);
    if (match) return { expected: Number(match[1]) };
  }
  if (tags.every((t) => /^(W\/)?"[^"]*"$/.test(t))) return { expected: -1 };
  return { invalid: `If-Match: ${header.slice(0, 80)} is not a list of entity tags` };
}
