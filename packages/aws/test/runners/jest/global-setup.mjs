/** The README's jest global setup: one backend per run, described to the test workers. */
import { backends } from "probity-aws";
import { describeForWorkers } from "probity-aws/backends";

/** @returns {Promise<void>} */
export default async function globalSetup() {
  const backend = await backends.fromEnv();
  process.env.PROBITY_BACKEND_DESCRIPTOR = JSON.stringify(describeForWorkers(backend)); // workers inherit it
  /** @type {{ probityBackend?: import("probity-aws").Backend }} */ (globalThis).probityBackend = backend;
}
