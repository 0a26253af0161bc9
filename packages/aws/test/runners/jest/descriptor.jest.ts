/** Not in the README: what the global setup hands the workers is the backend as it runs, event stream included. */
import { expect, test } from "@jest/globals";
import { type BackendDescriptor, fromDescriptor } from "probity-aws/backends";

test("hands the workers the backend's endpoint and capabilities when described by the global setup", () => {
  const descriptor = JSON.parse(process.env.PROBITY_BACKEND_DESCRIPTOR ?? "") as BackendDescriptor;
  const backend = fromDescriptor(descriptor);
  expect(backend.endpoint).toMatch(/^https?:\/\//);
  expect(backend.capabilities).toEqual(descriptor.capabilities);
  // The embedded emulator's event stream reaches the workers (PROBITY_BACKEND=remote would lose it).
  expect(backend.capabilities.events).toBe(descriptor.name === "embedded" || descriptor.capabilities.events);
});
