/**
 * @module test/sns/support
 * Test doubles for the SNS model: a manual clock, a recording SQS port that can pretend queues are
 * gone, and a recording HTTP port.
 * @internal
 */

import type { EmulatorClock } from "../../src/clock.js";
import { AwsServiceError } from "../../src/errors.js";
import { SnsModel } from "../../src/sns/model/sns-model.js";
import type {
  HttpDeliveryPort,
  HttpDeliveryRequest,
  SnsEvent,
  SqsDeliveryMessage,
  SqsDeliveryPort,
} from "../../src/sns/model/types.js";

/** A clock that only moves when told; timers are not needed by the SNS model. */
export class ManualClock implements EmulatorClock {
  constructor(public time = Date.UTC(2026, 0, 2, 3, 4, 5, 678)) {}
  now(): number {
    return this.time;
  }
  setTimeout(): unknown {
    throw new Error("the SNS model schedules no timers");
  }
  clearTimeout(): void {}
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Records deliveries; queues listed in `missing` throw `QueueDoesNotExist`. */
export class RecordingSqs implements SqsDeliveryPort {
  readonly deliveries: { queueArn: string; message: SqsDeliveryMessage }[] = [];
  readonly missing = new Set<string>();
  deliver(queueArn: string, message: SqsDeliveryMessage): void {
    if (this.missing.has(queueArn)) {
      throw new AwsServiceError("QueueDoesNotExist", "The specified queue does not exist.", {
        queryErrorCode: "AWS.SimpleQueueService.NonExistentQueue",
      });
    }
    this.deliveries.push({ queueArn, message });
  }
  /** Bodies delivered to one queue. */
  bodies(queueArn: string): string[] {
    return this.deliveries.filter((d) => d.queueArn === queueArn).map((d) => d.message.body);
  }
}

/** Records HTTP posts and answers with `status`. */
export class RecordingHttp implements HttpDeliveryPort {
  readonly requests: HttpDeliveryRequest[] = [];
  status = 200;
  post(request: HttpDeliveryRequest): Promise<{ status: number }> {
    this.requests.push(request);
    return Promise.resolve({ status: this.status });
  }
}

/** A model wired to the doubles, with sequential ids (`id-1`, `id-2`, …). */
export function createTestModel() {
  const clock = new ManualClock();
  const sqs = new RecordingSqs();
  const http = new RecordingHttp();
  const events: SnsEvent[] = [];
  let next = 0;
  const model = new SnsModel({
    clock,
    sqs,
    http,
    onEvent: (event) => events.push(event),
    newId: () => `00000000-0000-4000-8000-${String(++next).padStart(12, "0")}`,
  });
  return { model, clock, sqs, http, events, scope: { accountId: "123456789012", region: "us-east-1" } };
}

/** The ARN of queue `name` in the test account. */
export function queueArn(name: string): string {
  return `arn:aws:sqs:us-east-1:123456789012:${name}`;
}
