import { defineProject } from "vitest/config";

// Tests run in Vite's SSR environment, which takes its own `ssr.resolve` conditions; both are set so
// `import … from "probity"` resolves to packages/core/src through the `probity-source` condition.
export default defineProject({
  resolve: { conditions: ["probity-source"] },
  ssr: { resolve: { conditions: ["probity-source"] } },
  test: { name: "aws", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
