/**
 * @module backends/descriptor
 * A running backend as plain data, to hand to another process or thread (a vitest global setup to its
 * test workers, a parent process to a child), and a backend for that process from the data.
 */
import type { Backend, BackendCapabilities, BackendCredentials } from "./backend.js";
import { remote } from "./remote.js";

/** A running backend, as plain serialisable data. */
export interface BackendDescriptor {
  name: string;
  endpoint: string;
  region: string;
  credentials: BackendCredentials | undefined;
  capabilities: BackendCapabilities;
}

/**
 * Describes a running backend as plain data.
 *
 * @throws TypeError for a backend without an endpoint (real AWS: connect to it in each worker instead).
 * @example
 * ```ts
 * project.provide("probityAwsBackend", describeForWorkers(backend)); // in a vitest globalSetup
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
