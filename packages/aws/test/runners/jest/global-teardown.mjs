/** The README's jest global teardown: stops the backend the global setup started. */

/** @returns {Promise<void>} */
export default async function globalTeardown() {
  await /** @type {{ probityBackend?: import("probity-aws").Backend }} */ (globalThis).probityBackend?.dispose();
}
