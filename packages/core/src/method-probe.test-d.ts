import { EventEmitter } from "node:events";
import { expectTypeOf } from "vitest";
import { methodBarrier, probeMethod, waitForEvent } from "./index.js";
import type { FinishedMethodCall } from "./method-call.js";

interface Order {
  id: string;
}

class Consumer {
  readonly topic = "orders";
  async consume(order: Order, attempt: number): Promise<boolean> {
    return order.id.length > attempt;
  }
  count(): number {
    return 1;
  }
}

const consumer = new Consumer();
const consume = probeMethod(consumer, "consume");

// Arguments and the awaited result flow from the method into the call records.
expectTypeOf(consume.nextCall()).resolves.toEqualTypeOf<FinishedMethodCall<[order: Order, attempt: number], boolean>>();
expectTypeOf(consume.nextReturn()).resolves.toEqualTypeOf<boolean>();
const call = await consume.nextCall({ where: (c) => c.args[0].id === "o-1" });
expectTypeOf(call.args).toEqualTypeOf<[order: Order, attempt: number]>();
if (call.type === "returned") expectTypeOf(call.result).toEqualTypeOf<boolean>();
if (call.type === "threw") expectTypeOf(call.error).toBeUnknown();
expectTypeOf(call.durationMs).toBeNumber();
expectTypeOf(consume.calls[0]?.durationMs).toEqualTypeOf<number | undefined>();

// A sync method's result is its return type.
expectTypeOf(probeMethod(consumer, "count").nextReturn()).resolves.toBeNumber();

// Only function-valued keys are accepted.
// @ts-expect-error "topic" is a string property, not a method
probeMethod(consumer, "topic");
// @ts-expect-error no such key
probeMethod(consumer, "missing");
// @ts-expect-error no such key
methodBarrier(consumer, "missing");

// Prototypes work like instances.
expectTypeOf(probeMethod(Consumer.prototype, "consume").nextReturn()).resolves.toEqualTypeOf<boolean>();

// waitForEvent: args tuple for an EventEmitter, the Event for an EventTarget.
expectTypeOf(waitForEvent<[number]>(new EventEmitter(), "tick")).resolves.toEqualTypeOf<[number]>();
expectTypeOf(waitForEvent(new EventTarget(), "done")).resolves.toEqualTypeOf<Event>();
