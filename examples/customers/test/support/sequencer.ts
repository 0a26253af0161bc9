/**
 * @module test/support/sequencer
 * vitest's order with the `customers` files regrouped by what they wait for (see `file-order.ts`). A
 * sequencer is a root option, so the monorepo's `vitest.config.ts` sets it for every project; other
 * projects keep vitest's own order. Setting one turns off vitest's choice of its shuffling sequencer, so
 * this one shuffles as that one does (`--sequence.shuffle`, same seed, same order). Only that plain form
 * is told apart: vitest resolves `shuffle: { files, tests }` to its `tests` flag before a sequencer sees
 * it, so here `{ files: true, tests: false }` keeps this order and `{ files: false, tests: true }`
 * shuffles the files too.
 */
import { shuffle } from "@vitest/utils/helpers";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { regroupByWaitTier } from "./file-order.js";

/** vitest's order (failed first, then longest first), regrouped by {@link regroupByWaitTier}. */
export class CustomersSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { shuffle: shuffled, seed } = this.ctx.config.sequence;
    if (shuffled) return shuffle(files, seed);
    return regroupByWaitTier(await super.sort(files));
  }
}
