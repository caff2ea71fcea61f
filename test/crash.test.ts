// The server is SIGKILLed in the middle of saves, updates and imports and restarted on the same data:
// every write it acknowledged must still be there (at its version), and the database must pass
// integrity_check. Three kills here; `npm run kill-test -- --kills 20` runs the long version.
import { describe, expect, it } from "vitest";
import { killTest } from "../bench/kill.js";

describe("crash safety", () => {
  it("keeps every acknowledged save, update and import through SIGKILLs", async () => {
    const report = await killTest(3);
    expect(report.kills).toBe(3);
    expect(report.acknowledged.saves).toBeGreaterThan(0);
    expect(report.acknowledged.updates).toBeGreaterThan(0);
    expect(report.acknowledged.imports).toBeGreaterThan(0);
    expect(report.lost).toEqual([]);
    expect(report.integrity).toBe("ok");
  });
});
