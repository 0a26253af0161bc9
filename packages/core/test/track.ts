/**
 * @module test/track
 * Helpers for probity's own unit tests: observe a promise's state without awaiting it.
 * @internal
 */

/** The observed state of a promise. @internal */
export interface Tracked<T> {
  readonly settled: boolean;
  readonly value: T | undefined;
  readonly error: unknown;
  readonly promise: Promise<T>;
}

/**
 * Records when `promise` settles, so a test can advance a virtual clock and look, without awaiting.
 * @internal
 */
export function track<T>(promise: Promise<T>): Tracked<T> {
  const state: { settled: boolean; value: T | undefined; error: unknown; promise: Promise<T> } = {
    settled: false,
    value: undefined,
    error: undefined,
    promise,
  };
  promise.then(
    (value) => {
      state.settled = true;
      state.value = value;
    },
    (error: unknown) => {
      state.settled = true;
      state.error = error;
    },
  );
  return state;
}
