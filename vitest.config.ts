import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "e2e/**/*.test.ts"],
    globalSetup: ["./packages/server/test/helpers/postgres-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers than that only adds contention for PGlite's WASM start-up.
    maxWorkers: 2,
    reporters: ["default"],
  },
});
