/**
 * @module matchers
 * `toReceiveMessage` and `toHaveNoMessage`: bus assertions for `expect(bus)`, whose failure messages
 * show what arrived instead. Register them with `expect.extend(busMatchers)`. Nothing here loads or names
 * a test runner, so vitest and jest both take them (the `probity-aws/matchers` entry point; vitest's type
 * augmentation is in `vitest/index.ts`).
 */
import { MessageNotReceivedError, UnexpectedMessageError } from "./client/expectation-errors.js";
import type { ExpectMessageOptions, ExpectNoMessageOptions, MessageMatch } from "./client/options.js";
import { SnsSqsTestClient } from "./client/sns-sqs-test-client.js";
import type { StandardSchemaV1 } from "./schema.js";

/** Options of `toReceiveMessage`: those of `expectMessage` except `match`, which is an argument. */
export type ToReceiveMessageOptions = Omit<
  ExpectMessageOptions<unknown, unknown, StandardSchemaV1 | undefined>,
  "match"
>;

/** The matchers {@link busMatchers} adds, for type augmentation. */
export interface BusMatchers {
  /**
   * Waits for a message on `queue` that matches `match` (a deep partial of the payload, or a
   * predicate); non-matching messages stay on the queue. Fails listing what arrived instead.
   */
  toReceiveMessage(queue: string, match?: MessageMatch, options?: ToReceiveMessageOptions): Promise<void>;
  /** Asserts that no (matching) message shows up on `queue` for `during` ms, without consuming others. */
  toHaveNoMessage(
    queue: string,
    options: ExpectNoMessageOptions<unknown, unknown, StandardSchemaV1 | undefined>,
  ): Promise<void>;
}

/** What a bus matcher answers: the `expect.extend` result contract shared by vitest and jest. */
export interface BusMatcherResult {
  pass: boolean;
  message: () => string;
}

function assertClient(received: unknown, matcher: string): asserts received is SnsSqsTestClient {
  if (!(received instanceof SnsSqsTestClient)) {
    throw new TypeError(`${matcher} expects an SnsSqsTestClient, got ${received === null ? "null" : typeof received}`);
  }
}

function payloadText(payload: unknown): string {
  try {
    return JSON.stringify(payload) ?? String(payload);
  } catch {
    return String(payload);
  }
}

/**
 * The bus matchers, for `expect.extend(busMatchers)` in a vitest setup file (or jest's, which has the
 * same `expect.extend` contract).
 *
 * @example
 * ```ts
 * expect.extend(busMatchers);
 * await expect(bus).toReceiveMessage("customer--created", { name: "Ada" }, { envelope: jsonBase, timeout: 5_000 });
 * await expect(bus).toHaveNoMessage("customer--created", { during: 500 });
 * ```
 */
export const busMatchers = {
  async toReceiveMessage(
    received: unknown,
    queue: string,
    match?: MessageMatch,
    options: ToReceiveMessageOptions = {},
  ): Promise<BusMatcherResult> {
    assertClient(received, "toReceiveMessage");
    try {
      const message = await received.expectMessage(queue, { ...options, ...(match === undefined ? {} : { match }) });
      return {
        pass: true,
        message: () => `expected no matching message on queue "${queue}", but received ${payloadText(message.payload)}`,
      };
    } catch (error) {
      if (error instanceof MessageNotReceivedError) return { pass: false, message: () => error.message };
      throw error;
    }
  },

  async toHaveNoMessage(
    received: unknown,
    queue: string,
    options: ExpectNoMessageOptions<unknown, unknown, StandardSchemaV1 | undefined>,
  ): Promise<BusMatcherResult> {
    assertClient(received, "toHaveNoMessage");
    try {
      await received.expectNoMessage(queue, options);
      return {
        pass: true,
        message: () => `expected a message on queue "${queue}" within ${options.during} ms, got none`,
      };
    } catch (error) {
      if (error instanceof UnexpectedMessageError) return { pass: false, message: () => error.message };
      throw error;
    }
  },
};
