/**
 * @module probity-aws/vitest
 * vitest integration: the `bus` fixture (`createBusTest`), a `globalSetup` that starts one backend per
 * run (`awsGlobalSetup`), and the `toReceiveMessage`/`toHaveNoMessage` matchers (`busMatchers`).
 */
import type { BusMatchers } from "../matchers.js";

export type { BusMatcherResult, BusMatchers, ToReceiveMessageOptions } from "../matchers.js";
export { busMatchers } from "../matchers.js";
export type { BackendDescriptor } from "./backend-descriptor.js";
export { describeForWorkers, fromDescriptor, PROVIDE_KEY } from "./backend-descriptor.js";
export type { BusTestOptions } from "./fixtures.js";
export { createBusTest, DEFAULT_BUS_TEST_OPTIONS } from "./fixtures.js";
export type { AwsGlobalSetupOptions, ProvidingProject } from "./global-setup.js";
export { awsGlobalSetup } from "./global-setup.js";

declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: the declaration must match vitest's `Matchers<T = any>`.
  interface Matchers<T = any> extends BusMatchers {}
}
