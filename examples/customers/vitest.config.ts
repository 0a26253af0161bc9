import { defineProject } from "vitest/config";
import { CustomersSequencer } from "./test/support/sequencer.js";

export default defineProject({
  resolve: { conditions: ["probity-source"] },
  ssr: { resolve: { conditions: ["probity-source"] } },
  // The global setup runs in vitest's own `__vitest__` environment, which has its own resolve
  // conditions; it imports probity packages by name (`probity-aws-emulator/reserve`, and `probity-aws`
  // in its test; the backends themselves come from a bundle, see global-setup.ts).
  environments: { __vitest__: { resolve: { conditions: ["probity-source", "node"], mainFields: [] } } },
  test: {
    name: "customers",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The harness's own tests (process starter, setup gate, bundle cache, file order) are a project of
    // their own, `customers-support` (vitest.support.config.ts): this one is the services' suite.
    exclude: ["test/support/**", "**/node_modules/**"],
    // One backend and one pair of service processes (and fixed queue names, as in the seed) for every
    // file, so files run one at a time — in one worker that loads the AWS SDK once (no test here mocks
    // modules or globals, so sharing the module graph is safe).
    fileParallelism: false,
    // Files from the least to the most they wait for (`file-order.ts`). A root-only option: it applies when
    // this config is the root (`npm test` here); from the monorepo's root, its config sets the same one.
    sequence: { sequencer: CustomersSequencer },
    pool: "threads",
    isolate: false,
    // Keeps transformed modules on disk between runs (vitest 4, experimental): about 1 s less per run
    // here, where the worker loads probity's sources and the app's.
    experimental: { fsModuleCache: true },
    globalSetup: ["test/support/global-setup.ts"],
    // In-process apps start in beforeAll (table, topics, queues); give hooks room on a loaded machine.
    hookTimeout: 60_000,
  },
});
