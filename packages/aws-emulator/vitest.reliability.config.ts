import { defineConfig } from "vitest/config";

/**
 * The reliability and security suite (`npm run test:reliability`): load, faults, bad input, limits. Too heavy
 * for `npm test`, so it has its own config; sizes scale with `RELIABILITY_SCALE` (see test/reliability/README).
 */
export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ["probity-source"] },
  ssr: { resolve: { conditions: ["probity-source"] } },
  test: {
    name: "aws-emulator-reliability",
    include: ["test/reliability/**/*.test.ts"],
    // One file at a time: each starts its own emulator process and wants the second core for it.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 60_000,
  },
});
