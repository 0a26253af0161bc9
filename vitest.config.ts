import { defineConfig } from "vitest/config";

/**
 * One root config, one project per package (STYLE rule 28). Sources resolve through the
 * `probity-source` export condition, so tests run against `src/` without a build step.
 */
export default defineConfig({
  resolve: { conditions: ["probity-source"] },
  test: {
    projects: ["packages/*", "examples/*"],
  },
});
