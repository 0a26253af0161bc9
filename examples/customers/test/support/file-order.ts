/**
 * @module test/support/file-order
 * The order of the `customers` test files: the global setup returns before the backend and the service
 * processes are up (see `global-setup.ts`), so the files run from the least to the most they wait for —
 * unit tests (nothing), then tests that need only the backend, then tests of the service processes. The
 * first two groups run while the processes start. The order changes how long the suite takes, never
 * whether it passes: every test waits for what it needs. (`sequencer.ts` plugs it into vitest.)
 */

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

/** What this order reads of a vitest `TestSpecification`. */
export interface OrderedFile {
  readonly project: { readonly name: string; readonly config: { readonly root: string } };
  readonly moduleId: string;
}

/**
 * `files` in the order given, with the `customers` files regrouped by {@link waitTier} in the places
 * they had (stable within a tier; other projects' files do not move).
 */
export function regroupByWaitTier<T extends OrderedFile>(files: readonly T[]): T[] {
  const places = files.flatMap((file, index) => (file.project.name === CUSTOMERS_PROJECT ? [index] : []));
  const tierOf = (file: T): number => {
    const root = file.project.config.root.replace(/\/?$/, "/");
    return waitTier(file.moduleId.startsWith(root) ? file.moduleId.slice(root.length) : file.moduleId);
  };
  // Array.prototype.sort is stable: within a tier, the order given stays.
  const regrouped = places.map((index) => files[index] as T).sort((a, b) => tierOf(a) - tierOf(b));
  const result = [...files];
  places.forEach((place, k) => {
    result[place] = regrouped[k] as T;
  });
  return result;
}
