/**
 * @module clock
 * Time sources for probes and locks. The real clock captures the platform timers when this module
 * loads, so `vi.useFakeTimers()` installed later cannot freeze a probe; a {@link VirtualClock} lets a
 * test drive time by hand.
 */

/** An opaque timer handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = unknown;

/**
 * The three time operations everything time-based in probity goes through.
 *
 * @example
 * ```ts
 * const clock: Clock = realClock;
 * const started = clock.now();
 * clock.setTimeout(() => console.log(clock.now() - started), 10);
 * ```
 */
export interface Clock {
  /** Milliseconds on a monotonic scale; only differences are meaningful. */
  now(): number;
  /** Calls `callback` once after `ms` milliseconds. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a timer; unknown or already-fired handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
}

const captured = {
  setTimeout: globalThis.setTimeout.bind(globalThis),
  clearTimeout: globalThis.clearTimeout.bind(globalThis),
  setImmediate: globalThis.setImmediate.bind(globalThis),
  now: performance.now.bind(performance),
};

/**
 * The platform clock, with `setTimeout`, `clearTimeout` and `performance.now` captured at import.
 *
 * @example
 * ```ts
 * await probeUntil(check, { clock: realClock });
 * ```
 */
export const realClock: Clock = Object.freeze({
  now: () => captured.now(),
  setTimeout: (callback: () => void, ms: number): TimerHandle => captured.setTimeout(callback, ms),
  clearTimeout: (handle: TimerHandle): void => captured.clearTimeout(handle as ReturnType<typeof setTimeout>),
});

/**
 * Resolves after pending I/O callbacks and microtasks have run, using the real `setImmediate`
 * captured at import (so fake timers cannot stall it).
 * @internal
 */
export function flushMacrotask(): Promise<void> {
  return new Promise((resolve) => captured.setImmediate(resolve));
}

interface VirtualTimer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/**
 * A manual clock: time stands still until {@link VirtualClock.advance} moves it, firing due timers in
 * order and letting the promise callbacks they trigger run between them.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock();
 * const result = probeUntil(check, { clock, timeout: 60_000 });
 * await clock.advance(60_000); // a minute of polling, in a few milliseconds
 * ```
 */
export class VirtualClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers: VirtualTimer[] = [];

  /** @param start - the initial reading of {@link VirtualClock.now}. @default 0 */
  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer: VirtualTimer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), callback };
    this.#timers.push(timer);
    this.#timers.sort((a, b) => a.at - b.at || a.id - b.id);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((timer) => timer.id !== handle);
  }

  /** Number of timers waiting to fire. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due (including timers those callbacks
   * schedule inside the window), and flushing promise callbacks after each one.
   */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new TypeError(`Expected \`ms\` to be a finite number >= 0, got ${String(ms)}`);
    }
    const target = this.#now + ms;
    await flushMacrotask();
    for (;;) {
      const next = this.#timers[0];
      if (next === undefined || next.at > target) break;
      this.#timers.shift();
      this.#now = next.at;
      next.callback();
      await flushMacrotask();
    }
    this.#now = target;
    await flushMacrotask();
  }
}
