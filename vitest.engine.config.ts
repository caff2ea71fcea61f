import { defineConfig } from "vitest/config";

// The engine's own tests, alone: what `npm run mutate` runs against every mutant of src/engine. The library
// is read once for all runs (see test/engine/library-setup.ts).
export default defineConfig({
  test: {
    include: ["test/engine/**/*.test.ts"],
    globalSetup: ["test/engine/library-setup.ts"],
  },
});
