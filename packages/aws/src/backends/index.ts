/**
 * @module probity-aws/backends
 * The backends alone — start one, describe it for another process, connect to it — without the test
 * client: importing this entry does not load the AWS SDK, so a vitest global setup (or any process that
 * only hosts a backend) starts fast. `probity-aws` re-exports all of it.
 *
 * @example
 * ```ts
 * import { backends, describeForWorkers } from "probity-aws/backends";
 * const backend = await backends.embedded({ timeScale: 30 });
 * project.provide("probityAwsBackend", describeForWorkers(backend));
 * ```
 */
export type { EndpointReservation, ReserveEndpointOptions } from "probity-aws-emulator/reserve";
export { reserveEndpoint } from "probity-aws-emulator/reserve";
export { BackendUnavailableError } from "../errors.js";
export type { AwsBackendOptions } from "./aws.js";
export { aws } from "./aws.js";
export type {
  Backend,
  BackendCapabilities,
  BackendClientConfig,
  BackendCredentials,
  BackendName,
  BackendSubscribeOptions,
  CreatedResource,
} from "./backend.js";
export { backends } from "./backends.js";
export type { BackendDescriptor } from "./descriptor.js";
export { describeForWorkers, fromDescriptor } from "./descriptor.js";
export type { EmbeddedBackendOptions } from "./embedded.js";
export { DEFAULT_EMBEDDED_BACKEND_OPTIONS, embedded } from "./embedded.js";
export { BACKEND_NAMES, fromEnv } from "./from-env.js";
export type { LocalStackBackendOptions } from "./localstack.js";
export { DEFAULT_LOCALSTACK_BACKEND_OPTIONS, localstack } from "./localstack.js";
export type { MotoBackendOptions } from "./moto.js";
export { DEFAULT_MOTO_BACKEND_OPTIONS, moto, motoSkipReason } from "./moto.js";
export type { RemoteBackendOptions } from "./remote.js";
export { remote } from "./remote.js";
