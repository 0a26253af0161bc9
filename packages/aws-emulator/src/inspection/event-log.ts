/**
 * @module inspection/event-log
 * A bounded ring buffer of recent events with monotonically increasing ids, so an HTTP client of
 * `GET /_probity/events` can reconnect with `Last-Event-ID` and receive what it missed. Recording starts
 * on first use (the first stream or replay), so an emulator nobody inspects pays nothing per event.
 */

import type { EmulatorEvent, EmulatorEvents } from "../events.js";

/** An event with its position in the log. */
export interface LoggedEvent {
  /** 1, 2, 3, … for the emulator's lifetime (not reset by `reset()`). */
  readonly id: number;
  readonly event: EmulatorEvent;
}

/** What {@link EventLog.replaySince} found. */
export interface EventReplay {
  /** Logged events after the given id, oldest first. */
  readonly events: LoggedEvent[];
  /** Ids that fell out of the buffer before they could be replayed (`[from, to]`), if any. */
  readonly missed: readonly [number, number] | undefined;
}

/** Default ring buffer size. */
export const DEFAULT_EVENT_LOG_CAPACITY = 1_000;

/**
 * Records events in a fixed-size ring and fans them out with their ids.
 * @internal
 */
export class EventLog {
  readonly #events: EmulatorEvents;
  readonly #capacity: number;
  readonly #ring: (LoggedEvent | undefined)[];
  readonly #listeners = new Set<(logged: LoggedEvent) => void>();
  #nextId = 1;
  #detach: (() => void) | undefined;

  /**
   * @param capacity - events kept for replay. @default 1000
   * @throws TypeError when `capacity` is not an integer >= 1.
   */
  constructor(events: EmulatorEvents, capacity = DEFAULT_EVENT_LOG_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new TypeError(`Expected \`capacity\` to be an integer >= 1, got ${String(capacity)}`);
    }
    this.#events = events;
    this.#capacity = capacity;
    this.#ring = new Array<LoggedEvent | undefined>(capacity);
  }

  /** The id the next event will get (so `lastId` of an empty log is 0). */
  get lastId(): number {
    return this.#nextId - 1;
  }

  /** Number of live listeners (tests check that disconnects leak nothing). */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Starts recording if it has not started. */
  start(): void {
    this.#detach ??= this.#events.on("*", (event) => this.#record(event));
  }

  /** Stops recording and drops every listener. */
  stop(): void {
    this.#detach?.();
    this.#detach = undefined;
    this.#listeners.clear();
  }

  /**
   * Calls `listener` with each new event and its id.
   * @returns a function that unsubscribes.
   */
  listen(listener: (logged: LoggedEvent) => void): () => void {
    this.start();
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** The logged events with an id greater than `lastId`, and the range lost to the ring's size. */
  replaySince(lastId: number): EventReplay {
    this.start();
    const newest = this.#nextId - 1;
    const oldest = Math.max(1, this.#nextId - this.#capacity);
    const from = Math.max(lastId + 1, oldest);
    const events: LoggedEvent[] = [];
    for (let id = from; id <= newest; id++) {
      const logged = this.#ring[id % this.#capacity];
      if (logged !== undefined && logged.id === id) events.push(logged);
    }
    const missed: [number, number] | undefined = lastId + 1 < oldest ? [lastId + 1, oldest - 1] : undefined;
    return { events, missed };
  }

  #record(event: EmulatorEvent): void {
    const logged: LoggedEvent = { id: this.#nextId++, event };
    this.#ring[logged.id % this.#capacity] = logged;
    for (const listener of [...this.#listeners]) listener(logged);
  }
}
