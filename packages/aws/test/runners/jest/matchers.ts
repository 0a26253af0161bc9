/** The README's jest setup file: the bus matchers, on jest's `expect` (the same `expect.extend` contract). */
import { expect } from "@jest/globals";
import { type BusMatchers, busMatchers } from "probity-aws/matchers";

expect.extend(busMatchers);

declare module "expect" {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends BusMatchers {}
}
