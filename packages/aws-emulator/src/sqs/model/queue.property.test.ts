import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VirtualEmulatorClock } from "../../clock.js";
import { EmulatorEvents } from "../../events.js";
import type { ReceivedMessage } from "./message.js";
import { SqsModel } from "./sqs-model.js";

type Op =
  | { kind: "send"; group: number }
  | { kind: "receive"; max: number; visibility: number }
  | { kind: "delete"; pick: number }
  | { kind: "hide"; pick: number; seconds: number }
  | { kind: "advance"; seconds: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("send" as const), group: fc.integer({ min: 0, max: 2 }) }),
  fc.record({
    kind: fc.constant("receive" as const),
    max: fc.integer({ min: 1, max: 3 }),
    visibility: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("hide" as const), pick: fc.nat(), seconds: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant("advance" as const), seconds: fc.integer({ min: 0, max: 6 }) }),
);

describe("SqsQueue invariants", () => {
  it("keeps counts consistent and FIFO groups ordered and exclusive when operations interleave", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 60 }), async (ops) => {
        const clock = new VirtualEmulatorClock(0);
        const model = new SqsModel({ clock, events: new EmulatorEvents() });
        const scope = { accountId: "000000000000", region: "us-east-1" };
        const { queue } = model.createQueue(scope, "p.fifo", { FifoQueue: "true", ContentBasedDeduplication: "true" });
        let sent = 0;
        let deleted = 0;
        model.events.on("sqs.message-deleted", () => deleted++);
        const held: ReceivedMessage[] = [];
        const lastSequence = new Map<string, bigint>();
        const observe = (got: ReceivedMessage[]): void => {
          for (const message of got) {
            const group = message.content.messageGroupId ?? "";
            const sequence = BigInt(message.sequenceNumber ?? "0");
            const previous = lastSequence.get(group);
            // Within a group, first deliveries follow sequence order.
            if (message.receiveCount === 1 && previous !== undefined) expect(sequence > previous).toBe(true);
            if (message.receiveCount === 1) lastSequence.set(group, sequence);
          }
          held.push(...got);
        };
        for (const step of ops) {
          if (step.kind === "send") {
            queue.send({ body: `m${sent++}`, senderId: "s", messageGroupId: `g${step.group}` });
          } else if (step.kind === "receive") {
            const got = await queue.receive({ maxMessages: step.max, visibilityTimeout: step.visibility });
            observe(got);
            if (step.visibility > 0 && got.length > 0) {
              // While a group has a message in flight, no other message of that group is delivered.
              const busy = new Set(got.map((m) => m.content.messageGroupId));
              const more = await queue.receive({ maxMessages: 10, visibilityTimeout: step.visibility });
              expect(more.filter((m) => busy.has(m.content.messageGroupId))).toEqual([]);
              observe(more);
            }
          } else if (step.kind === "delete" && held.length > 0) {
            const [message] = held.splice(step.pick % held.length, 1);
            if (message !== undefined) queue.deleteMessage(message.receiptHandle);
          } else if (step.kind === "hide" && held.length > 0) {
            const message = held[step.pick % held.length];
            try {
              if (message !== undefined) queue.changeVisibility(message.receiptHandle, step.seconds);
            } catch (error) {
              // Stale handles and messages no longer in flight are refused, as AWS does.
              expect((error as { code?: string }).code).toMatch(/InvalidParameterValue|MessageNotInflight/);
            }
          } else if (step.kind === "advance") {
            await clock.advance(step.seconds * 1_000);
          }
          expect(queue.visibleCount + queue.inFlightCount + queue.delayedCount).toBe(queue.size);
          expect(queue.size).toBe(sent - deleted);
          expect(queue.visibleCount).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 150 },
    );
  });
});
