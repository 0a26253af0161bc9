/**
 * @module internal/probes
 * The one place the client polls. It has the call shape of core's `probeUntil`/`probeDuring`
 * (branch feat/probes); until that is merged this file carries a minimal stand-in, and afterwards it
 * becomes `export { probeDuring, probeUntil } from "probity"`. Callers rely only on the options below,
 * on rejection at the deadline, and on the last probe error being the rejection's `cause`.
 * @internal
 */
import { getConfiguration, ProbityError } from "probity";

/** What a probe attempt receives. @internal */
export interface ProbeContext {
  readonly attempt: number;
  readonly signal: AbortSignal;
}

/** The subset of core's `ProbeUntilOptions` the client uses. @internal */
export interface ProbeUntilOptions {
  timeout?: number;
  interval?: number;
  alias?: string;
  signal?: AbortSignal;
  failFast?: (error: Error) => boolean;
  wakeOn?: (callback: () => void) => () => void;
}

/** The subset of core's `ProbeDuringOptions` the client uses. @internal */
export interface ProbeDuringOptions {
  duration: number;
  interval?: number;
  alias?: string;
  signal?: AbortSignal;
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/**
 * Calls `probe` until it returns, rejecting at the deadline (the attempt in flight is aborted).
 * @internal
 */
export function probeUntil<T>(
  probe: (context: ProbeContext) => T | PromiseLike<T>,
  options: ProbeUntilOptions = {},
): Promise<T> {
  const config = getConfiguration();
  const timeout = (options.timeout ?? config.timeout) * config.timeoutScale;
  const interval = options.interval ?? (typeof config.interval === "number" ? config.interval : 100);
  const { signal } = options;
  signal?.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const controller = new AbortController();
    let attempt = 0;
    let lastError: Error | undefined;
    let settled = false;
    let wake: (() => void) | undefined;
    let pause: ReturnType<typeof setTimeout> | undefined;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(pause);
      unsubscribe?.();
      signal?.removeEventListener("abort", onAbort);
      controller.abort(new DOMException("The probe settled", "AbortError"));
      action();
    };
    const onAbort = (): void => finish(() => reject(signal?.reason));
    const deadline = setTimeout(() => {
      const alias = options.alias === undefined ? "probe" : `probe "${options.alias}"`;
      const detail = lastError === undefined ? "" : `: ${lastError.message}`;
      const error = new ProbityError(
        `${alias} timed out after ${timeout} ms and ${attempt} attempts${detail}`,
        "ERR_PROBE_TIMEOUT",
        lastError === undefined ? {} : { cause: lastError },
      );
      finish(() => reject(error));
    }, timeout);
    const unsubscribe = options.wakeOn?.(() => wake?.());
    signal?.addEventListener("abort", onAbort, { once: true });
    const run = async (): Promise<void> => {
      while (!settled) {
        attempt += 1;
        try {
          const value = await probe({ attempt, signal: controller.signal });
          finish(() => resolve(value));
          return;
        } catch (error) {
          lastError = toError(error);
          if (options.failFast?.(lastError) === true) {
            const failed = lastError;
            finish(() => reject(failed));
            return;
          }
        }
        await new Promise<void>((next) => {
          wake = next;
          pause = setTimeout(next, interval);
        });
        wake = undefined;
      }
    };
    void run();
  });
}

/**
 * Calls `probe` repeatedly for `duration` ms and rejects at the first failure (its error as `cause`).
 * @internal
 */
export async function probeDuring(
  probe: (context: ProbeContext) => unknown,
  options: ProbeDuringOptions,
): Promise<void> {
  const interval = options.interval ?? 100;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.throwIfAborted();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const started = performance.now();
  let attempt = 0;
  try {
    for (;;) {
      attempt += 1;
      try {
        await probe({ attempt, signal: controller.signal });
      } catch (error) {
        options.signal?.throwIfAborted();
        const alias = options.alias === undefined ? "probe" : `probe "${options.alias}"`;
        throw new ProbityError(`${alias} failed at attempt ${attempt}: ${toError(error).message}`, "ERR_PROBE_FAILED", {
          cause: error,
        });
      }
      if (performance.now() - started >= options.duration) return;
      await new Promise<void>((next, fail) => {
        const timer = setTimeout(
          next,
          Math.min(interval, Math.max(0, options.duration - (performance.now() - started))),
        );
        controller.signal.addEventListener(
          "abort",
          () => {
            clearTimeout(timer);
            fail(controller.signal.reason);
          },
          { once: true },
        );
      });
    }
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
}
