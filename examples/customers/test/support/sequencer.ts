/**
 * @module test/support/sequencer
 * The order of the `customers` test files: the global setup returns before the backend and the service
 * processes are up (see `global-setup.ts`), so the files run from the least to the most they wait for —
 * unit tests (nothing), then tests that need only the backend, then tests of the service processes. The
 * first two groups run while the processes start. The order changes how long the suite takes, never
 * whether it passes: every test waits for what it needs.
 *
 * A vitest sequencer is a root option, so the monorepo's `vitest.config.ts` sets it for every project;
 * other projects keep vitest's own order.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The project whose files this orders. */
export const CUSTOMERS_PROJECT = "customers";

/** Test files (relative to the example) that talk to the service processes: they run last. */
export const SERVICE_TEST_FILES: readonly string[] = [
  "test/customer-service.test.ts",
  "test/business-locks.test.ts",
  "test/end-to-end.test.ts",
  "test/order-service.test.ts",
];

/** 0: unit tests under `src/`; 1: tests that need the backend; 2: tests of the service processes. */
export function waitTier(relativePath: string): 0 | 1 | 2 {
  if (SERVICE_TEST_FILES.includes(relativePath)) return 2;
  return relativePath.startsWith("src/") ? 0 : 1;
}

/** vitest's order, with the `customers` files regrouped by {@link waitTier} in the places they had. */
export class CustomersSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const places = sorted.flatMap((spec, index) => (spec.project.name === CUSTOMERS_PROJECT ? [index] : []));
    const tierOf = (spec: TestSpecification): number => {
      const root = spec.project.config.root.replace(/\/?$/, "/");
      return waitTier(spec.moduleId.startsWith(root) ? spec.moduleId.slice(root.length) : spec.moduleId);
    };
    // Array.prototype.sort is stable: within a tier, vitest's order (longest first) stays.
    const regrouped = places.map((index) => sorted[index] as TestSpecification).sort((a, b) => tierOf(a) - tierOf(b));
    const result = [...sorted];
    places.forEach((place, k) => {
      result[place] = regrouped[k] as TestSpecification;
    });
    return result;
  }
}
