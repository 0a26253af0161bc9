/** The README's jest global teardown: stops the backend the global setup started. */
import type { Backend } from "probity-aws";

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { probityBackend?: Backend }).probityBackend?.dispose();
}
