import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["probity-source"] },
  ssr: { resolve: { conditions: ["probity-source"] } },
  test: { name: "core", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
