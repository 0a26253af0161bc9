import { defineProject } from "vitest/config";

/**
 * The tests of the customers suite's harness (test/support/): the service process starter, the setup
 * gate, the service bundle cache, the file order and the global setup's backend start. Kept apart from
 * the suite itself (vitest.config.ts), which tests the services; they need no backend and no services.
 */
export default defineProject({
  resolve: { conditions: ["probity-source"] },
  ssr: { resolve: { conditions: ["probity-source"] } },
  test: {
    name: "customers-support",
    include: ["test/support/**/*.test.ts"],
  },
});
