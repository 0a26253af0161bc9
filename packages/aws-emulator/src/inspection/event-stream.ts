/**
 * @module inspection/event-stream
 * The emulator's events as an async iterator, for `for await` loops and probes that wake on events
 * (`wakeOn`). Events are queued from the moment the iterator is created, so none is lost between two
 * `next()` calls.
 */

import type { EmulatorEvent } from "../events.js";
import { type EmulatorEventFilter, isEmptyEventFilter, matchesEventFilter } from "./event-filter.js";

/** Options of `aws.events.stream()`. */
export interface EmulatorEventStreamOptions {
  /** Only events matching this filter. @default {} (everything) */
  filter?: EmulatorEventFilter | undefined;
  /** Ends the iteration (the pending `next()` resolves `done`). @default undefined */
  signal?: AbortSignal | undefined;
}

/** Where a stream subscribes: `on("*", listener)` returning an unsubscribe function. @internal */
export type SubscribeAll = (listener: (event: EmulatorEvent) => void) => () => void;

/**
 * Builds an async iterator over events. The queue of unread events is unbounded: read it, or end it with
 * `break`, `return()` or the signal.
 * @internal
 */
export function createEventStream(
  subscribe: SubscribeAll,
  options: EmulatorEventStreamOptions = {},
): AsyncIterableIterator<EmulatorEvent> {
  const filter = options.filter ?? {};
  const everything = isEmptyEventFilter(filter);
  const queue: EmulatorEvent[] = [];
  let head = 0;
  const waiting: Array<(result: IteratorResult<EmulatorEvent>) => void> = [];
  let done = false;

  const finish = (): void => {
    if (done) return;
    done = true;
    unsubscribe();
    options.signal?.removeEventListener("abort", finish);
    queue.length = 0;
    head = 0;
    for (const resolve of waiting.splice(0)) resolve({ done: true, value: undefined });
  };
  const unsubscribe = subscribe((event) => {
    if (done || (!everything && !matchesEventFilter(event, filter))) return;
    const resolve = waiting.shift();
    if (resolve !== undefined) {
      resolve({ done: false, value: event });
      return;
    }
    queue.push(event);
  });
  if (options.signal?.aborted) finish();
  else options.signal?.addEventListener("abort", finish, { once: true });

  const iterator: AsyncIterableIterator<EmulatorEvent> = {
    next(): Promise<IteratorResult<EmulatorEvent>> {
      if (head < queue.length) {
        const value = queue[head++] as EmulatorEvent;
        if (head > 1_024 && head * 2 > queue.length) {
          queue.splice(0, head);
          head = 0;
        }
        return Promise.resolve({ done: false, value });
      }
      if (done) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve) => {
        waiting.push(resolve);
      });
    },
    return(): Promise<IteratorResult<EmulatorEvent>> {
      finish();
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
