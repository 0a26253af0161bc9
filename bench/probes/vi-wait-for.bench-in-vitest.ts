/**
 * @module bench/probes/vi-wait-for
 * `vi.waitFor` only works inside a vitest worker, so run.ts measures it here, through
 * `vitest run --config bench/probes/vitest.config.ts`, with the same scenarios as every other peer, and
 * collects the numbers from the JSON file named by PROBITY_BENCH_OUT.
 */
import { writeFileSync } from "node:fs";
import { it, vi } from "vitest";
import type { Peer } from "./peers.js";
import { measure } from "./scenarios.js";

const viWaitFor: Peer = {
  name: "vitest vi.waitFor",
  defaultInterval: 50,
  passesSignal: false,
  wait: ({ condition, interval, timeout }) =>
    vi.waitFor(
      async () => {
        if (!(await condition())) throw new Error("not yet");
      },
      { timeout, ...(interval === undefined ? {} : { interval }) },
    ),
};

it("measures vi.waitFor", async () => {
  const out = process.env.PROBITY_BENCH_OUT;
  if (!out) throw new Error("PROBITY_BENCH_OUT is not set; run this through `npm run bench`");
  writeFileSync(out, JSON.stringify(await measure(viWaitFor)));
});
