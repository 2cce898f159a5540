import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{core,providers/*,adapters/*,examples/*}/tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
