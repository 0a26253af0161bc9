import { defineConfig } from "vitest/config";
import { CustomersSequencer } from "./examples/customers/test/support/sequencer.js";

/**
 * One root config, one project per package (STYLE rule 28). Sources resolve through the
 * `probity-source` export condition, so tests run against `src/` without a build step.
 */
export default defineConfig({
  resolve: { conditions: ["probity-source"] },
  test: {
    projects: ["packages/*", "examples/*", "examples/customers/vitest.support.config.ts"],
    // Runs the worked example's files from the least to the most they wait for (a root-only option).
    sequence: { sequencer: CustomersSequencer },
  },
});
