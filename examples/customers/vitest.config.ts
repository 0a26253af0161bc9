import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["probity-source"] },
  test: {
    name: "customers",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
  },
});
