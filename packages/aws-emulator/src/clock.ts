/**
 * @module clock
 * The emulator's time source. `now()` is wall-clock epoch milliseconds (SentTimestamp and friends are
 * epoch based); timers run on the same scale, so a scaled clock makes every SQS/SNS timer faster.
 *
 * Three implementations: {@link realEmulatorClock} (wall clock), {@link ScaledClock} (`timeScale`: emulated
 * time runs N times faster than real time) and {@link VirtualEmulatorClock} (moves only when advanced).
 */

import { MinHeap } from "./internal/min-heap.js";

/** An opaque timer handle. */
export type EmulatorTimer = unknown;

/** Time as the emulator's models see it. */
export interface EmulatorClock {
  /** Epoch milliseconds, as seen by the emulated services. */
  now(): number;
  /** Calls `callback` after `ms` milliseconds of emulated time. */
  setTimeout(callback: () => void, ms: number): EmulatorTimer;
  /** Cancels a timer; unknown or already-fired timers are ignored. */
  clearTimeout(timer: EmulatorTimer): void;
}

const captured = {
  setTimeout: globalThis.setTimeout.bind(globalThis),
  clearTimeout: globalThis.clearTimeout.bind(globalThis),
  setImmediate: globalThis.setImmediate.bind(globalThis),
  dateNow: Date.now.bind(Date),
  perfNow: performance.now.bind(performance),
};

/** Node caps timer delays at 2^31-1 ms; longer delays are chained. */
const MAX_TIMER_DELAY = 2_147_483_647;

function realTimeout(callback: () => void, ms: number): EmulatorTimer {
  const timer = captured.setTimeout(callback, Math.min(Math.max(0, ms), MAX_TIMER_DELAY));
  // Model timers must not keep a process alive on their own; the HTTP server does that while it runs.
  timer.unref();
  return timer;
}

function realClearTimeout(timer: EmulatorTimer): void {
  if (timer !== undefined && timer !== null) captured.clearTimeout(timer as ReturnType<typeof setTimeout>);
}

/**
 * The wall clock: `Date.now()` and platform timers captured when this module loads, so fake timers
 * installed later by a test cannot freeze the emulator.
 *
 * @example
 * ```ts
 * const aws = await startAwsEmulator({ clock: realEmulatorClock });
 * ```
 */
export const realEmulatorClock: EmulatorClock = Object.freeze({
  now: () => captured.dateNow(),
  setTimeout: realTimeout,
  clearTimeout: realClearTimeout,
});

/**
 * A clock whose time runs `scale` times faster than real time: `now()` is `start + elapsed * scale` and a
 * timer of `ms` fires after `ms / scale` real milliseconds. `new ScaledClock(100)` makes a 30 s visibility
 * timeout pass in 300 ms.
 *
 * @example
 * ```ts
 * const clock = new ScaledClock(100);
 * clock.setTimeout(() => console.log("a minute of emulated time passed"), 60_000); // ~600 real ms
 * ```
 */
export class ScaledClock implements EmulatorClock {
  readonly scale: number;
  readonly #startEpoch: number;
  readonly #startPerf: number;

  /**
   * @param scale - how many emulated milliseconds pass per real millisecond; > 0.
   * @param start - the emulated epoch at creation. @default Date.now()
   * @throws TypeError when `scale` is not a finite number > 0.
   */
  constructor(scale: number, start: number = captured.dateNow()) {
    if (!Number.isFinite(scale) || scale <= 0) {
      throw new TypeError(`Expected \`timeScale\` to be a finite number > 0, got ${String(scale)}`);
    }
    this.scale = scale;
    this.#startEpoch = start;
    this.#startPerf = captured.perfNow();
  }

  now(): number {
    return Math.floor(this.#startEpoch + (captured.perfNow() - this.#startPerf) * this.scale);
  }

  /**
   * Node measures a timer from the start of the current event-loop turn, so a real timer can fire a few
   * milliseconds "early" — at 1000x that is seconds of emulated time. The timer therefore re-checks the
   * emulated clock when it fires and waits out any remainder.
   */
  setTimeout(callback: () => void, ms: number): EmulatorTimer {
    const due = this.now() + ms;
    const handle: ScaledTimer = { timer: undefined };
    const fire = (): void => {
      const remaining = due - this.now();
      if (remaining > 0) {
        handle.timer = realTimeout(fire, remaining / this.scale);
        return;
      }
      handle.timer = undefined;
      callback();
    };
    handle.timer = realTimeout(fire, ms / this.scale);
    return handle;
  }

  clearTimeout(timer: EmulatorTimer): void {
    const handle = timer as ScaledTimer | undefined;
    if (handle?.timer !== undefined) {
      realClearTimeout(handle.timer);
      handle.timer = undefined;
    }
  }
}

/** A {@link ScaledClock} timer: the real timer currently standing in for it. */
interface ScaledTimer {
  timer: EmulatorTimer | undefined;
}

interface VirtualTimerEntry {
  readonly callback: () => void;
  cancelled: boolean;
}

function flushMacrotask(): Promise<void> {
  return new Promise((resolve) => captured.setImmediate(resolve));
}

/**
 * A manual clock: time stands still until {@link VirtualEmulatorClock.advance} moves it, firing due timers
 * in order (earliest first, ties in scheduling order) and letting I/O and promise callbacks run between
 * them, so a long poll woken by a timer answers before the next timer fires.
 *
 * @example
 * ```ts
 * const clock = new VirtualEmulatorClock();
 * const aws = await startAwsEmulator({ port: 0, clock });
 * await clock.advance(30_000); // visibility timeouts expire now
 * ```
 */
export class VirtualEmulatorClock implements EmulatorClock {
  #now: number;
  #timers = new MinHeap<VirtualTimerEntry>();
  #pending = 0;

  /** @param start - the initial epoch reading. @default Date.now() */
  constructor(start: number = captured.dateNow()) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): EmulatorTimer {
    const entry: VirtualTimerEntry = { callback, cancelled: false };
    this.#timers.push(this.#now + Math.max(0, Number.isFinite(ms) ? ms : 0), entry);
    this.#pending++;
    return entry;
  }

  clearTimeout(timer: EmulatorTimer): void {
    const entry = timer as VirtualTimerEntry | undefined;
    if (entry !== undefined && entry !== null && !entry.cancelled) {
      entry.cancelled = true;
      this.#pending--;
    }
  }

  /** Number of timers waiting to fire. */
  get pendingTimers(): number {
    return this.#pending;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due (including timers scheduled by those
   * callbacks inside the window) and flushing I/O and promise callbacks after each one.
   * @throws TypeError when `ms` is not a finite number >= 0.
   */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new TypeError(`Expected \`ms\` to be a finite number >= 0, got ${String(ms)}`);
    }
    const target = this.#now + ms;
    await flushMacrotask();
    for (;;) {
      const at = this.#timers.peekKey();
      if (at === undefined || at > target) break;
      const entry = this.#timers.pop() as VirtualTimerEntry;
      if (entry.cancelled) continue;
      entry.cancelled = true;
      this.#pending--;
      this.#now = Math.max(this.#now, at);
      entry.callback();
      await flushMacrotask();
    }
    this.#now = target;
    await flushMacrotask();
  }
}

/** The `clock` option of the emulator: a name or an implementation. */
export type EmulatorClockOption = "real" | "virtual" | EmulatorClock;

/**
 * Builds the emulator's clock from its options.
 * @param clock - `"real"`, `"virtual"` or an {@link EmulatorClock}. @default "real"
 * @param timeScale - with the real clock, emulated time runs this many times faster. @default 1
 * @throws TypeError when `timeScale` is not a finite number > 0 or is combined with a non-real clock.
 * @internal
 */
export function createEmulatorClock(clock: EmulatorClockOption = "real", timeScale = 1): EmulatorClock {
  if (!Number.isFinite(timeScale) || timeScale <= 0) {
    throw new TypeError(`Expected \`timeScale\` to be a finite number > 0, got ${String(timeScale)}`);
  }
  if (clock === "virtual") {
    if (timeScale !== 1) throw new TypeError("`timeScale` applies to the real clock only, not to `clock: virtual`");
    return new VirtualEmulatorClock();
  }
  if (clock === "real") return timeScale === 1 ? realEmulatorClock : new ScaledClock(timeScale);
  if (typeof clock !== "object" || clock === null || typeof clock.now !== "function") {
    throw new TypeError(`Expected \`clock\` to be "real", "virtual" or an EmulatorClock, got ${String(clock)}`);
  }
  if (timeScale !== 1) throw new TypeError("`timeScale` cannot be combined with a custom `clock`");
  return clock;
}
