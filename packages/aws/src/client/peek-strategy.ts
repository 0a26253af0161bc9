/**
 * @module client/peek-strategy
 * How `peek()` reads messages without consuming them. The default receives them with a short
 * visibility timeout and makes them visible again at once; a backend with an inspection API (the
 * embedded emulator) can plug in a strategy that reads its state instead.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";

/** What a {@link PeekStrategy} gets. */
export interface PeekContext {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  /** At most this many messages. */
  readonly max: number;
  readonly signal: AbortSignal | undefined;
}

/** Reads the visible messages of a queue without consuming them. */
export interface PeekStrategy {
  readonly name: string;
  peek(context: PeekContext): Promise<Message[]>;
}

/** How long peeked messages stay hidden while the scan runs, in seconds. */
export const PEEK_HOLD_SECONDS = 30;

/**
 * Makes messages visible again (visibility timeout 0), ten per request. Handles that are no longer
 * valid (deleted meanwhile) are ignored.
 * @internal
 */
export async function releaseMessages(
  sqs: SQSClient,
  queueUrl: string,
  messages: readonly Message[],
  signal?: AbortSignal,
): Promise<void> {
  for (let start = 0; start < messages.length; start += 10) {
    const entries = messages.slice(start, start + 10).map((message, index) => ({
      Id: String(index),
      ReceiptHandle: message.ReceiptHandle ?? "",
      VisibilityTimeout: 0,
    }));
    await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }), {
      abortSignal: signal,
    });
  }
}

/**
 * The default strategy: receive (hidden for {@link PEEK_HOLD_SECONDS}) until a receive comes back empty
 * or `max` is reached, then make every received message visible again. Each peek counts as a receive,
 * so it raises `ApproximateReceiveCount`, which a redrive policy counts too.
 *
 * @example
 * ```ts
 * const bus = await SnsSqsTestClient.connect(backend, { peekStrategy: receiveAndRelease });
 * ```
 */
export const receiveAndRelease: PeekStrategy = Object.freeze({
  name: "receiveAndRelease",
  async peek({ sqs, queueUrl, max, signal }: PeekContext): Promise<Message[]> {
    const messages: Message[] = [];
    try {
      while (messages.length < max) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: Math.min(10, max - messages.length),
            VisibilityTimeout: PEEK_HOLD_SECONDS,
            WaitTimeSeconds: 0,
            MessageAttributeNames: ["All"],
            MessageSystemAttributeNames: ["All"],
          }),
          { abortSignal: signal },
        );
        if (Messages.length === 0) break;
        messages.push(...Messages);
      }
    } finally {
      await releaseMessages(sqs, queueUrl, messages);
    }
    return messages;
  },
});

/**
 * Reads a queue through LocalStack's `GET /_aws/sqs/messages` inspection route, which the embedded
 * emulator answers too: nothing is received, so receive counts, visibility and redrive are untouched.
 * Only visible messages are returned, oldest first. The default for backends whose
 * `capabilities.inspection` is true.
 *
 * @param endpoint - the backend's base URL.
 * @example
 * ```ts
 * const bus = await SnsSqsTestClient.connect(backend, { peekStrategy: inspectionApi(backend.endpoint) });
 * ```
 */
export function inspectionApi(endpoint: string): PeekStrategy {
  return Object.freeze({
    name: "inspectionApi",
    async peek({ queueUrl, max, signal }: PeekContext): Promise<Message[]> {
      const url = new URL("/_aws/sqs/messages", endpoint);
      url.searchParams.set("QueueUrl", queueUrl);
      const response = await fetch(url, { headers: { accept: "application/json" }, signal: signal ?? null });
      const text = await response.text();
      if (!response.ok) {
        throw new Error(
          `peek through ${url.origin}/_aws/sqs/messages failed: HTTP ${response.status} ${text.slice(0, 300)}`,
        );
      }
      const { Messages = [] } = JSON.parse(text) as { Messages?: Message[] };
      return Messages.slice(0, max);
    },
  });
}
