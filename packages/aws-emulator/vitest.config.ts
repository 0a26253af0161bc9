import { defineProject } from "vitest/config";

export default defineProject({
  // Tests import the package by name; resolve it to src/ (not a stale dist/) in both Vite environments.
  resolve: { conditions: ["probity-source"] },
  ssr: { resolve: { conditions: ["probity-source"] } },
  test: { name: "aws-emulator", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
