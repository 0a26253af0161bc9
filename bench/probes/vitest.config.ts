import { defineConfig } from "vitest/config";

/** Runs only the vi.waitFor measurement, for bench/probes/run.ts. Not part of `npm test`. */
export default defineConfig({
  resolve: { conditions: ["probity-source"] },
  test: {
    root: import.meta.dirname,
    include: ["vi-wait-for.bench-in-vitest.ts"],
    testTimeout: 120_000,
    reporters: ["dot"],
  },
});
