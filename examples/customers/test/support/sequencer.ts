/**
 * @module test/support/sequencer
 * vitest's order with the `customers` files regrouped by what they wait for (see `file-order.ts`). A
 * sequencer is a root option, so the monorepo's `vitest.config.ts` sets it for every project; other
 * projects keep vitest's own order.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { regroupByWaitTier } from "./file-order.js";

/** vitest's order (failed first, then longest first), regrouped by {@link regroupByWaitTier}. */
export class CustomersSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return regroupByWaitTier(await super.sort(files));
  }
}
