/**
 * @module test/support/backend-entry
 * What the global setup uses of probity-aws, as one bundle entry (see `global-setup.ts`). Installed from
 * npm, probity-aws is built JavaScript that vitest's main process imports as it is. In this monorepo it
 * is TypeScript source (the `probity-source` condition), which vitest would otherwise transform and run
 * module by module in its main thread while the test worker waits on that thread for its own modules.
 */
export { BackendUnavailableError, backends, describeForWorkers } from "probity-aws/backends";
