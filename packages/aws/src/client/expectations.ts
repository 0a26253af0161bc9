/**
 * @module client/expectations
 * `expectMessage` and `expectNoMessage`: waiting on a queue without consuming what does not match.
 * @internal
 */
import { type Message, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { getConfiguration, ProbityError, probeDuring, probeUntil } from "probity";
import type { DecodedMessage } from "../decode-message.js";
import { BusRequestError, PayloadDecodeError } from "../errors.js";
import { matchesPartial } from "../matches-partial.js";
import type { StandardSchemaV1 } from "../schema.js";
import { MessageNotReceivedError, type SeenMessage, UnexpectedMessageError } from "./expectation-errors.js";
import {
  assertOptionalInteger,
  DEFAULT_CLIENT_OPTIONS,
  type ExpectMessageOptions,
  type ExpectNoMessageOptions,
  type MessageMatch,
} from "./options.js";
import { releaseMessages } from "./peek-strategy.js";
import type { ClientInternals, ReceivedMessage } from "./sns-sqs-test-client.js";

/** Pause between receives once the remaining time is under a second (long polls end on their own). */
const EXPECT_POLL_INTERVAL = 50;

/** Thrown inside an attempt while nothing matched yet; never escapes. */
class NoMatchYet extends Error {}

/**
 * Why `message` does not match, or `undefined` when it does.
 * @internal
 */
export function mismatchOf(match: MessageMatch | undefined, message: DecodedMessage): string | undefined {
  if (match === undefined) return undefined;
  if (typeof match === "function") {
    return (match as (message: DecodedMessage) => boolean)(message) ? undefined : "the predicate returned false";
  }
  const result = matchesPartial(message.payload, match);
  return result.pass ? undefined : result.description;
}

/** Strips `ProbeFailedError` (fail-fast) wrappers down to the error that stopped the probe. */
function unwrapFailFast(error: unknown): unknown {
  let current = error;
  while (current instanceof ProbityError && current.code === "ERR_PROBE_FAILED" && current.cause !== undefined) {
    current = current.cause;
  }
  return current;
}

/** @internal */
export async function expectMessage<TPayload, TMetadata, TSchema extends StandardSchemaV1 | undefined>(
  internals: ClientInternals,
  queue: string,
  options: ExpectMessageOptions<TPayload, TMetadata, TSchema>,
): Promise<ReceivedMessage<TPayload, TMetadata, TSchema>> {
  const { signal } = options;
  signal?.throwIfAborted();
  if (options.timeout !== undefined && (!Number.isFinite(options.timeout) || options.timeout < 0)) {
    throw new TypeError(`Expected \`timeout\` to be a finite number >= 0, got ${String(options.timeout)}`);
  }
  const config = getConfiguration();
  const timeout = (options.timeout ?? config.timeout) * config.timeoutScale;
  const ack = options.ack ?? DEFAULT_CLIENT_OPTIONS.ack;
  const url = await internals.queueUrl(queue, signal);
  const started = performance.now();
  const held: Message[] = [];
  const seen: SeenMessage[] = [];
  const mismatches = new Map<SeenMessage, string>();
  try {
    return await probeUntil(
      async ({ signal: attemptSignal }) => {
        // Long polls end by the deadline (floor), so the deadline rarely aborts one in flight: an
        // aborted long poll can still take a message on the server and hide it from the next reader.
        const remainingMs = timeout - (performance.now() - started);
        const remainingSeconds = Math.floor(remainingMs / 1000);
        let received: Message[];
        try {
          const answer = await internals.sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: url,
              MaxNumberOfMessages: 10,
              WaitTimeSeconds: Math.min(20, Math.max(0, remainingSeconds)),
              VisibilityTimeout: Math.min(43_200, Math.max(0, Math.ceil(remainingMs / 1000)) + 5),
              MessageAttributeNames: ["All"],
              MessageSystemAttributeNames: ["All"],
            }),
            { abortSignal: attemptSignal },
          );
          received = answer.Messages ?? [];
        } catch (error) {
          if (attemptSignal.aborted) throw error;
          throw new BusRequestError({
            action: "ReceiveMessage",
            resource: `queue "${queue}"`,
            backend: internals.label,
            cause: error,
          });
        }
        let found: { message: Message; decoded: ReceivedMessage<TPayload, TMetadata, TSchema> } | undefined;
        for (const message of received) {
          if (found !== undefined) {
            held.push(message);
            continue;
          }
          let decoded: ReceivedMessage<TPayload, TMetadata, TSchema>;
          try {
            decoded = await internals.decode(queue, message, options);
          } catch (error) {
            if (!(error instanceof PayloadDecodeError)) throw error;
            seen.push(error);
            mismatches.set(error, error.message);
            held.push(message);
            continue;
          }
          const mismatch = mismatchOf(options.match, decoded as DecodedMessage);
          if (mismatch === undefined) found = { message, decoded };
          else {
            seen.push(decoded as DecodedMessage);
            mismatches.set(decoded as DecodedMessage, mismatch);
            held.push(message);
          }
        }
        if (found === undefined) throw new NoMatchYet(`${seen.length} message(s) arrived, none matched`);
        if (ack) await internals.deleteMessages(url, [found.message]);
        return found.decoded;
      },
      {
        alias: `expectMessage(${queue})`,
        interval: EXPECT_POLL_INTERVAL,
        timeout: options.timeout ?? config.timeout,
        failFast: (error) => !(error instanceof NoMatchYet) && !(error.name === "AbortError"),
        ...(signal === undefined ? {} : { signal }),
      },
    );
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const stopped = unwrapFailFast(error);
    if (stopped !== error || !(error instanceof ProbityError && error.code === "ERR_PROBE_TIMEOUT")) {
      if (!(stopped instanceof NoMatchYet)) throw stopped;
    }
    throw new MessageNotReceivedError({ queue, backend: internals.label, timeout, seen, mismatches, cause: error });
  } finally {
    await releaseMessages(internals.sqs, url, held).catch(() => undefined);
  }
}

/** @internal */
export async function expectNoMessage<TPayload, TMetadata, TSchema extends StandardSchemaV1 | undefined>(
  internals: ClientInternals,
  queue: string,
  options: ExpectNoMessageOptions<TPayload, TMetadata, TSchema>,
): Promise<void> {
  const { signal } = options;
  signal?.throwIfAborted();
  if (typeof options !== "object" || options === null || !Number.isFinite(options.during) || options.during < 0) {
    throw new TypeError(`Expected \`during\` to be a finite number >= 0, got ${String(options?.during)}`);
  }
  assertOptionalInteger("interval", options.interval, 1, Number.MAX_SAFE_INTEGER);
  await internals.queueUrl(queue, signal);
  try {
    await probeDuring(
      async ({ signal: attemptSignal }) => {
        const messages = await internals.client.peekRaw(queue, { signal: attemptSignal });
        const found: SeenMessage[] = [];
        for (const message of messages) {
          try {
            const decoded = (await internals.decode(queue, message, options)) as DecodedMessage;
            if (mismatchOf(options.match, decoded) === undefined) found.push(decoded);
          } catch (error) {
            if (!(error instanceof PayloadDecodeError)) throw error;
            if (options.match === undefined) found.push(error);
          }
        }
        if (found.length > 0) throw new UnexpectedMessageError({ queue, backend: internals.label, found });
      },
      {
        duration: options.during,
        interval: options.interval ?? DEFAULT_CLIENT_OPTIONS.expectNoMessageInterval,
        alias: `expectNoMessage(${queue})`,
        ...(signal === undefined ? {} : { signal }),
      },
    );
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw unwrapFailFast(error);
  }
}
