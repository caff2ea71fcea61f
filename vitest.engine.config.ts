import { defineConfig } from "vitest/config";
import { QuickFirst } from "./test/engine/sequencer.js";

// The engine's own tests, alone: what `npm run mutate` runs against every mutant of src/engine (see
// docs/testing.md). The library is read once for all runs (test/engine/library-setup.ts); the files share
// one module graph (isolate: false), so the engine is imported once per run, not once per file.
export default defineConfig({
  test: {
    include: ["test/engine/**/*.test.ts"],
    globalSetup: ["test/engine/library-setup.ts"],
    setupFiles: ["test/engine/reset.ts"],
    isolate: false,
    sequence: { sequencer: QuickFirst },
  },
});
