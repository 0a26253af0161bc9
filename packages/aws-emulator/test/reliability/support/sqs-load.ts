/**
 * @module test/reliability/support/sqs-load
 * Producers and long-polling consumers (AWS SDK v3) moving messages through a queue, with optional
 * consumer "crashes" (a received message is not deleted) and a dead-letter queue drainer. Everything
 * each consumer saw is logged with a global sequence index so the test can check exactly-once delivery,
 * redrive and per-group order after the run.
 */

import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";

/** A deterministic PRNG (mulberry32) so a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What happened to one message body. */
export interface MessageLog {
  /** Each receive from the main queue: global index, `ApproximateReceiveCount`, whether the consumer "crashed". */
  receives: Array<{ index: number; batch: number; receiveCount: number; crashed: boolean }>;
  /** Global index at which its delete was issued (the server cannot release a successor before that). */
  deleteIssued: number | undefined;
  /** Times received from the dead-letter queue. */
  deadLettered: number;
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** One client per producer and per consumer (separate connection pools, like separate services). */
  client: () => SQSClient;
  queueUrl: string;
  deadLetterQueueUrl?: string;
  total: number;
  producers: number;
  consumers: number;
  /** Probability that a consumer "crashes" on a received message (does not delete it). @default 0 */
  crashRate?: number;
  /** FIFO: number of message groups (group g is produced, in order, by producer g % producers). */
  groups?: number;
  seed?: number;
  /** The run fails if it has not settled by then. */
  deadlineMs: number;
}

/** Result of {@link runLoad}. */
export interface LoadResult {
  logs: Map<string, MessageLog>;
  sent: string[];
  elapsedMs: number;
  receiveCalls: number;
  crashes: number;
}

/** Body of message `seq` of group `group` (FIFO) or of producer `group` (standard). */
export function bodyOf(group: number, seq: number): string {
  return `${group}:${seq}`;
}

/** Parses {@link bodyOf}. */
export function parseBody(body: string): { group: number; seq: number } {
  const [group, seq] = body.split(":");
  return { group: Number(group), seq: Number(seq) };
}

/**
 * Runs producers and consumers until every message was deleted or dead-lettered.
 * @throws Error when the deadline passes first (with the counts seen so far).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const random = seededRandom(options.seed ?? 1);
  const crashRate = options.crashRate ?? 0;
  const fifo = options.groups !== undefined;
  const logs = new Map<string, MessageLog>();
  const sent: string[] = [];
  let index = 0;
  let settled = 0;
  let receiveCalls = 0;
  let batches = 0;
  let crashes = 0;
  const stop = new AbortController();
  const deadline = AbortSignal.timeout(options.deadlineMs);
  const signal = AbortSignal.any([stop.signal, deadline]);
  let settle!: () => void;
  const allSettled = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const log = (body: string): MessageLog => {
    let entry = logs.get(body);
    if (entry === undefined) {
      entry = { receives: [], deleteIssued: undefined, deadLettered: 0 };
      logs.set(body, entry);
    }
    return entry;
  };
  const settledOne = (): void => {
    settled++;
    if (settled === options.total) settle();
  };

  // Plan: standard -> producer p sends bodies p:0..; FIFO -> group g's messages g:0.. in order by one producer.
  const plans: string[][] = Array.from({ length: options.producers }, () => []);
  if (fifo) {
    const groups = options.groups as number;
    const perGroup: string[][] = Array.from({ length: groups }, () => []);
    for (let i = 0; i < options.total; i++) perGroup[i % groups]?.push(bodyOf(i % groups, Math.floor(i / groups)));
    for (const [group, bodies] of perGroup.entries()) plans[group % options.producers]?.push(...bodies);
  } else {
    for (let i = 0; i < options.total; i++) {
      const producer = i % options.producers;
      plans[producer]?.push(bodyOf(producer, Math.floor(i / options.producers)));
    }
  }

  const produce = async (bodies: string[]): Promise<void> => {
    const client = options.client();
    try {
      let i = 0;
      while (i < bodies.length) {
        // A FIFO batch holds one group's consecutive messages, so the order inside the batch is the group order.
        const first = bodies[i] as string;
        const batch: string[] = [];
        while (i < bodies.length && batch.length < 10) {
          const body = bodies[i] as string;
          if (fifo && parseBody(body).group !== parseBody(first).group) break;
          batch.push(body);
          i++;
        }
        const result = await client.send(
          new SendMessageBatchCommand({
            QueueUrl: options.queueUrl,
            Entries: batch.map((body, n) => ({
              Id: `e${n}`,
              MessageBody: body,
              ...(fifo ? { MessageGroupId: `g${parseBody(body).group}`, MessageDeduplicationId: body } : {}),
            })),
          }),
          { abortSignal: signal },
        );
        if ((result.Failed ?? []).length > 0) throw new Error(`send failed: ${JSON.stringify(result.Failed)}`);
        sent.push(...batch);
      }
    } finally {
      client.destroy();
    }
  };

  const consume = async (queueUrl: string, deadLetter: boolean): Promise<void> => {
    const client = options.client();
    try {
      while (!signal.aborted) {
        let messages: Message[] | undefined;
        try {
          receiveCalls++;
          ({ Messages: messages } = await client.send(
            new ReceiveMessageCommand({
              QueueUrl: queueUrl,
              MaxNumberOfMessages: 10,
              WaitTimeSeconds: 20,
              MessageSystemAttributeNames: ["ApproximateReceiveCount"],
            }),
            { abortSignal: signal },
          ));
        } catch (error) {
          if (signal.aborted) return;
          throw error;
        }
        const toDelete: Array<{ Id: string; ReceiptHandle: string }> = [];
        let crashedInBatch = false;
        const batch = ++batches;
        for (const message of messages ?? []) {
          const body = message.Body as string;
          const entry = log(body);
          index++;
          if (deadLetter) {
            entry.deadLettered++;
            if (entry.deadLettered === 1) settledOne();
            toDelete.push({ Id: `d${toDelete.length}`, ReceiptHandle: message.ReceiptHandle as string });
            continue;
          }
          // A FIFO consumer stops at its crash: the rest of the batch is not processed either.
          const crashed = crashedInBatch || random() < crashRate;
          if (crashed && !crashedInBatch) crashes++;
          if (fifo && crashed) crashedInBatch = true;
          entry.receives.push({
            index,
            batch,
            receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? "0"),
            crashed,
          });
          if (!crashed) {
            entry.deleteIssued = ++index;
            toDelete.push({ Id: `d${toDelete.length}`, ReceiptHandle: message.ReceiptHandle as string });
          }
        }
        if (toDelete.length === 0) continue;
        const result = await client.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: toDelete }));
        if ((result.Failed ?? []).length > 0) throw new Error(`delete failed: ${JSON.stringify(result.Failed)}`);
        if (!deadLetter) for (let n = 0; n < toDelete.length; n++) settledOne();
      }
    } finally {
      client.destroy();
    }
  };

  const started = performance.now();
  const workers = [
    ...plans.map((bodies) => produce(bodies)),
    ...Array.from({ length: options.consumers }, () => consume(options.queueUrl, false)),
    ...(options.deadLetterQueueUrl === undefined ? [] : [consume(options.deadLetterQueueUrl, true)]),
  ];
  const failed = Promise.all(workers).then(
    () => undefined,
    (error: unknown) => error,
  );
  const outcome = await Promise.race([
    allSettled.then(() => "settled" as const),
    failed.then((error) => ({ error })),
    new Promise<"deadline">((resolve) => deadline.addEventListener("abort", () => resolve("deadline"))),
  ]);
  const elapsedMs = performance.now() - started;
  stop.abort();
  const workerError = await failed;
  if (outcome === "deadline") {
    throw new Error(`load run missed its deadline: ${settled}/${options.total} settled, ${sent.length} sent`);
  }
  if (outcome !== "settled") throw outcome.error;
  if (workerError !== undefined) throw workerError;
  return { logs, sent, elapsedMs, receiveCalls, crashes };
}
