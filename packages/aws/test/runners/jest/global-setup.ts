/** The README's jest global setup: one backend per run, described to the test workers. */
import { type Backend, backends } from "probity-aws";
import { describeForWorkers } from "probity-aws/backends";

export default async function globalSetup(): Promise<void> {
  const backend = await backends.fromEnv();
  process.env.PROBITY_BACKEND_DESCRIPTOR = JSON.stringify(describeForWorkers(backend)); // workers inherit it
  (globalThis as { probityBackend?: Backend }).probityBackend = backend;
}
