import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["probity-source"] },
  test: { name: "aws-emulator", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
