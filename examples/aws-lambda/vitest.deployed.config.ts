import { defineConfig } from "vitest/config";

/**
 * The acceptance suite against a deployed stack (not part of `npm test`): see README, "Testing a
 * deployed stack". Real AWS calls: generous timeouts, one test at a time.
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["deployed/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
