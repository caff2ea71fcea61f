import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests run many cases; the default 5 s is for single examples.
    testTimeout: 60_000,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
