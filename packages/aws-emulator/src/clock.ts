/**
 * @module clock
 * The emulator's time source. `now()` is wall-clock epoch milliseconds (SentTimestamp and friends are
 * epoch based); timers run on the same scale, so a scaled clock makes every SQS/SNS timer faster.
 */

/** An opaque timer handle. */
export type EmulatorTimer = unknown;

/** Time as the emulator's models see it. */
export interface EmulatorClock {
  /** Epoch milliseconds, as seen by the emulated services. */
  now(): number;
  /** Calls `callback` after `ms` milliseconds of emulated time. */
  setTimeout(callback: () => void, ms: number): EmulatorTimer;
  /** Cancels a timer. */
  clearTimeout(timer: EmulatorTimer): void;
}
