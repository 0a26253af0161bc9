/**
 * @module vitest/backend-descriptor
 * What `globalSetup` hands to test workers: where the backend runs, as plain data (it crosses a
 * process boundary through vitest's `provide`/`inject`).
 */
import type { Backend, BackendCapabilities, BackendCredentials } from "../backends/backend.js";
import { remote } from "../backends/remote.js";

/** A running backend, as plain serialisable data. */
export interface BackendDescriptor {
  name: string;
  endpoint: string;
  region: string;
  credentials: BackendCredentials | undefined;
  capabilities: BackendCapabilities;
}

/** The key under which {@link awsGlobalSetup} provides the backend. */
export const PROVIDE_KEY = "probityAwsBackend";

declare module "vitest" {
  interface ProvidedContext {
    /** The backend started by `awsGlobalSetup`, read by the `bus` fixture. */
    probityAwsBackend: BackendDescriptor;
  }
}

/**
 * Describes a running backend as plain data.
 *
 * @throws TypeError for a backend without an endpoint (real AWS: connect to it in each worker instead).
 * @example
 * ```ts
 * project.provide("probityAwsBackend", describeForWorkers(backend));
 * ```
 */
export function describeForWorkers(backend: Backend): BackendDescriptor {
  if (backend.endpoint === undefined) {
    throw new TypeError(`Backend ${backend.name} has no endpoint to share with test workers`);
  }
  return {
    name: backend.name,
    endpoint: backend.endpoint,
    region: backend.region,
    credentials: backend.credentials === undefined ? undefined : { ...backend.credentials },
    capabilities: { ...backend.capabilities },
  };
}

/**
 * A backend for a worker from a descriptor: the same endpoint, nothing to stop on dispose.
 * @example
 * ```ts
 * const backend = fromDescriptor(inject("probityAwsBackend"));
 * ```
 */
export function fromDescriptor(descriptor: BackendDescriptor): Backend {
  return remote({
    endpoint: descriptor.endpoint,
    region: descriptor.region,
    name: descriptor.name,
    capabilities: descriptor.capabilities,
    ...(descriptor.credentials === undefined ? {} : { credentials: descriptor.credentials }),
  });
}
