import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "e2e/**/*.test.ts"],
    globalSetup: ["./packages/server/test/helpers/postgres-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers than that only adds contention for PGlite's WASM start-up.
    maxWorkers: 2,
    // A page on a loaded two-core CI machine can take seconds to show its first rows; vitest's
    // default 1 s poll turned that into failures (the dashboard journey on CI).
    expect: { poll: { timeout: 15_000 } },
    reporters: ["default"],
  },
});
