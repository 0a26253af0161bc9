/**
 * @module probity-aws/vitest
 * vitest integration: the `bus` fixture (`createBusTest`), a `globalSetup` that starts one backend per
 * run (`awsGlobalSetup`), and the `toReceiveMessage`/`toHaveNoMessage` matchers (`busMatchers`).
 */
export type { BackendDescriptor } from "./backend-descriptor.js";
export { describeForWorkers, fromDescriptor, PROVIDE_KEY } from "./backend-descriptor.js";
export type { BusTestOptions } from "./fixtures.js";
export { createBusTest, DEFAULT_BUS_TEST_OPTIONS } from "./fixtures.js";
export type { AwsGlobalSetupOptions, ProvidingProject } from "./global-setup.js";
export { awsGlobalSetup } from "./global-setup.js";
export type { BusMatchers, ToReceiveMessageOptions } from "./matchers.js";
export { busMatchers } from "./matchers.js";
