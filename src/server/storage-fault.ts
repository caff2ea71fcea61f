/** Why the saved scenarios cannot be written (or read) right now: the cause a 503 names. */
export type FaultCause = "disk-full" | "read-only" | "busy" | "io-error" | "corrupt";

const WHAT: Record<FaultCause, string> = {
  "disk-full": "the disk holding the data directory is full",
  "read-only": "the data directory is read-only",
  busy: "the database is locked by another process",
  "io-error": "the disk reported an input/output error",
  corrupt: "the database file is damaged (run PRAGMA integrity_check on a copy)",
};

/** A storage failure the user can act on; the server answers 503 with its message. */
export class StorageFault extends Error {
  constructor(
    readonly kind: FaultCause,
    readonly dataDir: string,
    readonly detail: string,
  ) {
    super(`storage unavailable: ${WHAT[kind]} (${dataDir}: ${detail})`);
  }
}

/** The fault behind an error from SQLite or the file system, or undefined for a programming error. */
export function faultCause(error: unknown): FaultCause | undefined {
  const code = String((error as { code?: unknown })?.code ?? "");
  if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT") return "disk-full";
  if (code.startsWith("SQLITE_READONLY") || code === "EROFS" || code === "EACCES" || code === "EPERM")
    return "read-only";
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "busy";
  if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN") || code === "EIO")
    return "io-error";
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return "corrupt";
  return undefined;
}
