/**
 * @module bench/probes/peers
 * The waiting functions compared in bench/probes, each used the way its documentation shows: throwing
 * checks for probity, vi.waitFor, wait-for-expect and the naive loop; boolean conditions for
 * async-wait-until and p-wait-for. `vi.waitFor` lives in vi-wait-for.bench-in-vitest.ts because it only
 * works inside a vitest worker.
 */
import { EventEmitter } from "node:events";
import { waitUntil } from "async-wait-until";
import pWaitFor from "p-wait-for";
import { probeUntil } from "probity";
import waitForExpectModule from "wait-for-expect";

/** What every scenario hands to a peer. */
export interface WaitRequest {
  /** The condition; `true` means done. */
  condition: () => boolean | Promise<boolean>;
  /** Poll interval in ms; `undefined` = the peer's own default. */
  interval: number | undefined;
  timeout: number;
  /** Called with the attempt's signal, for peers that pass one to the probe. */
  onSignal?: (signal: AbortSignal) => void;
}

/** One waiting function under test. */
export interface Peer {
  name: string;
  /** The peer's documented default interval, in ms. */
  defaultInterval: number;
  /** Whether the probe receives an AbortSignal that the peer aborts at its deadline. */
  passesSignal: boolean;
  wait(request: WaitRequest): Promise<unknown>;
}

const notYet = (): never => {
  throw new Error("not yet");
};

export const probity: Peer = {
  name: "probity probeUntil",
  defaultInterval: 100,
  passesSignal: true,
  wait: ({ condition, interval, timeout, onSignal }) =>
    probeUntil(
      async ({ signal }) => {
        onSignal?.(signal);
        if (!(await condition())) notYet();
      },
      { timeout, ...(interval === undefined ? {} : { interval }) },
    ),
};

/** probity with `wakeOn`: the scenario emits "change" on this emitter when the condition turns true. */
export const wakeEmitter = new EventEmitter();
wakeEmitter.setMaxListeners(0);

export const probityWakeOn: Peer = {
  name: "probity probeUntil + wakeOn",
  defaultInterval: 100,
  passesSignal: true,
  wait: ({ condition, interval, timeout }) =>
    probeUntil(
      async () => {
        if (!(await condition())) notYet();
      },
      { timeout, wakeOn: { emitter: wakeEmitter, event: "change" }, ...(interval === undefined ? {} : { interval }) },
    ),
};

export const waitForExpectPeer: Peer = {
  name: "wait-for-expect",
  defaultInterval: 50,
  passesSignal: false,
  wait: ({ condition, interval, timeout }) =>
    waitForExpectModule.default(
      async () => {
        if (!(await condition())) notYet();
      },
      timeout,
      interval,
    ),
};

export const asyncWaitUntil: Peer = {
  name: "async-wait-until",
  defaultInterval: 50,
  passesSignal: false,
  wait: ({ condition, interval, timeout }) =>
    waitUntil(condition, { timeout, ...(interval === undefined ? {} : { intervalBetweenAttempts: interval }) }),
};

export const pWaitForPeer: Peer = {
  name: "p-wait-for",
  defaultInterval: 20,
  passesSignal: false,
  wait: ({ condition, interval, timeout }) =>
    pWaitFor(condition, { timeout, ...(interval === undefined ? {} : { interval }) }),
};

/** What most hand-written helpers look like: try, sleep, check the clock between attempts. */
export const naiveLoop: Peer = {
  name: "naive setTimeout loop",
  defaultInterval: 100,
  passesSignal: false,
  async wait({ condition, interval = 100, timeout }) {
    const started = performance.now();
    for (;;) {
      if (await condition()) return;
      if (performance.now() - started >= timeout) throw new Error("timed out");
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  },
};
