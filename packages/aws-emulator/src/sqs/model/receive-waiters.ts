/**
 * @module sqs/model/receive-waiters
 * A queue's waiting long polls, oldest first. Any message becoming visible calls {@link ReceiveWaiters.wake},
 * which schedules ONE microtask that serves the waiters in order until messages run out; each waiter also
 * ends on its wait time or its abort signal.
 * @internal
 */

import type { EmulatorClock, EmulatorTimer } from "../../clock.js";
import type { ReceivedMessage } from "./message.js";
import { LinkedList, type ListNode } from "./message-list.js";

/** Takes messages for a waiter; an empty array when none can be served now. @internal */
export type ServeWaiter = (maxMessages: number, visibilityTimeout: number) => ReceivedMessage[];

class Waiter implements ListNode<Waiter> {
  prev: Waiter | undefined = undefined;
  next: Waiter | undefined = undefined;
  list: LinkedList<Waiter> | undefined = undefined;
  timer: EmulatorTimer | undefined = undefined;
  done = false;
  cleanup: (() => void) | undefined = undefined;
  constructor(
    readonly maxMessages: number,
    readonly visibilityTimeout: number,
    readonly resolve: (messages: ReceivedMessage[]) => void,
  ) {}
}

/** The long polls waiting on one queue. @internal */
export class ReceiveWaiters {
  readonly #clock: EmulatorClock;
  readonly #serve: ServeWaiter;
  readonly #waiters = new LinkedList<Waiter>();
  #wakeScheduled = false;

  constructor(clock: EmulatorClock, serve: ServeWaiter) {
    this.#clock = clock;
    this.#serve = serve;
  }

  /** Long polls currently waiting. */
  get size(): number {
    return this.#waiters.size;
  }

  /**
   * Adds a waiting receive, resolved with messages by {@link wake}, or with none after `waitMs` or when
   * `signal` aborts.
   */
  wait(
    maxMessages: number,
    visibilityTimeout: number,
    waitMs: number,
    signal: AbortSignal | undefined,
    resolve: (messages: ReceivedMessage[]) => void,
  ): void {
    const waiter = new Waiter(maxMessages, visibilityTimeout, resolve);
    waiter.timer = this.#clock.setTimeout(() => this.#finish(waiter, []), waitMs);
    if (signal !== undefined) {
      const onAbort = (): void => this.#finish(waiter, []);
      signal.addEventListener("abort", onAbort, { once: true });
      waiter.cleanup = () => signal.removeEventListener("abort", onAbort);
    }
    this.#waiters.pushBack(waiter);
  }

  /** Schedules one microtask that hands available messages to waiting receives, oldest waiter first. */
  wake(): void {
    if (this.#waiters.size === 0 || this.#wakeScheduled) return;
    this.#wakeScheduled = true;
    queueMicrotask(() => {
      this.#wakeScheduled = false;
      for (let waiter = this.#waiters.head; waiter !== undefined; waiter = this.#waiters.head) {
        const taken = this.#serve(waiter.maxMessages, waiter.visibilityTimeout);
        if (taken.length === 0) return;
        this.#finish(waiter, taken);
      }
    });
  }

  /** Ends every waiting receive with no messages. */
  releaseAll(): void {
    for (let waiter = this.#waiters.head; waiter !== undefined; waiter = this.#waiters.head) {
      this.#finish(waiter, []);
    }
  }

  #finish(waiter: Waiter, messages: ReceivedMessage[]): void {
    if (waiter.done) return;
    waiter.done = true;
    this.#waiters.remove(waiter);
    this.#clock.clearTimeout(waiter.timer);
    waiter.cleanup?.();
    waiter.resolve(messages);
  }
}
