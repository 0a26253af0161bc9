import { defineProject } from "vitest/config";

export default defineProject({
  // Tests import the package by name; resolve it to src/ (not a stale dist/) in both Vite environments.
  resolve: { conditions: ["probity-source"] },
  ssr: { resolve: { conditions: ["probity-source"] } },
  test: {
    name: "aws-emulator",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The reliability suite is heavy: `npm run test:reliability` runs it (vitest.reliability.config.ts).
    exclude: ["test/reliability/**", "**/node_modules/**"],
  },
});
