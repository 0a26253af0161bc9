import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["probity-source"] },
  ssr: { resolve: { conditions: ["probity-source"] } },
  // The global setup runs in vitest's own `__vitest__` environment, which has its own resolve
  // conditions; it imports "probity-aws" by name.
  environments: { __vitest__: { resolve: { conditions: ["probity-source"] } } },
  test: {
    name: "customers",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // One AWS backend (and fixed queue names, as in the seed) for every file: the integration files reset
    // it and run services consuming the same queue, so files run one at a time.
    fileParallelism: false,
    globalSetup: ["test/support/global-setup.ts"],
    // Service processes start in ~1-2 s (tsx + AWS SDK); give hooks room on a loaded 2-core machine.
    hookTimeout: 60_000,
  },
});
