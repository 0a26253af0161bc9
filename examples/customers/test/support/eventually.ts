/**
 * @module test/support/eventually
 * A minimal async probe: call `check` until it stops throwing, or fail with its last error.
 * TODO(lead): replace every use with `probeUntil` from "probity" at merge, and delete this file.
 */

/**
 * Retries `check` every `interval` ms until it resolves; rejects with the last error after `timeout` ms.
 *
 * @param options.timeout - @default 5_000
 * @param options.interval - @default 50
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  options: { timeout?: number; interval?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeout ?? 5_000);
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, options.interval ?? 50));
  }
}
