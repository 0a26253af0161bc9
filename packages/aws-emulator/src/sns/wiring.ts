/**
 * @module sns/wiring
 * Connects the pure SNS model to the rest of the emulator: SQS delivery through the SQS model's
 * in-process port (attribute names translated), outbound `http`/`https` through `fetch`, and the
 * model's events onto the shared {@link EmulatorEvents} stream.
 * @internal
 */

import type { EmulatorClock } from "../clock.js";
import { AwsServiceError } from "../errors.js";
import type { EmulatorEvents } from "../events.js";
import type { ServiceDefinition } from "../protocol/service.js";
import type { AttributeMap } from "../sqs/md5.js";
import type { SqsDeliveryPort as SqsModelDeliveryPort } from "../sqs/model/sqs-model.js";
import { SnsModel } from "./model/sns-model.js";
import type {
  HttpDeliveryPort,
  SnsEvent,
  SqsDeliveryAttribute,
  SqsDeliveryMessage,
  SqsDeliveryPort,
} from "./model/types.js";
import { createSnsService } from "./service.js";

/** AWS gives an HTTP endpoint 15 seconds to answer a delivery. */
const HTTP_DELIVERY_TIMEOUT_MS = 15_000;

function toAttributeMap(attributes: Record<string, SqsDeliveryAttribute> | undefined): AttributeMap | undefined {
  if (attributes === undefined) return undefined;
  const out: Record<string, AttributeMap[string]> = {};
  for (const [name, value] of Object.entries(attributes)) {
    out[name] = { dataType: value.DataType, stringValue: value.StringValue, binaryValue: value.BinaryValue };
  }
  return out;
}

/**
 * The SNS model's SQS port over the SQS model's delivery port (which takes camel-cased attributes).
 * @example
 * ```ts
 * const port = snsToSqsPort(sqsModel);
 * ```
 */
export function snsToSqsPort(sqs: SqsModelDeliveryPort): SqsDeliveryPort {
  return {
    deliver: (queueArn: string, message: SqsDeliveryMessage) => {
      sqs.deliver(queueArn, {
        body: message.body,
        messageAttributes: toAttributeMap(message.messageAttributes),
        messageGroupId: message.messageGroupId,
        messageDeduplicationId: message.messageDeduplicationId,
      });
    },
  };
}

/**
 * Outbound HTTP for `http`/`https` subscriptions with the global `fetch`.
 * @example
 * ```ts
 * const http = fetchHttpPort();
 * await http.post({ url: "http://127.0.0.1:8080/sns", headers: {}, body: "{}" });
 * ```
 */
export function fetchHttpPort(): HttpDeliveryPort {
  return {
    post: async ({ url, headers, body }) => {
      const response = await fetch(url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(HTTP_DELIVERY_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status };
    },
  };
}

/**
 * Forwards model events to the emulator's stream (only when someone listens), with a serialisable
 * error (`errorCode`, `errorMessage`) instead of the Error object.
 */
export function snsEventBridge(events: EmulatorEvents): (event: SnsEvent) => void {
  return (event) => {
    if (!events.has(event.type)) return;
    if (event.type === "sns.delivery-failed") {
      const { type, error, ...rest } = event;
      const errorCode = error instanceof AwsServiceError ? error.code : error.name;
      events.emit(type, { ...rest, errorCode, errorMessage: error.message });
      return;
    }
    const { type, ...rest } = event;
    // The remaining payloads match EmulatorEventMap field for field.
    events.emit(type, rest as never);
  };
}

/** What {@link createSnsWiring} needs. */
export interface SnsWiringOptions {
  readonly clock: EmulatorClock;
  readonly events: EmulatorEvents;
  /** The SQS model's in-process delivery port. */
  readonly sqs: SqsModelDeliveryPort;
  /** Outbound HTTP. @default fetchHttpPort() */
  readonly http?: HttpDeliveryPort;
}

/**
 * Builds the SNS model and its service definition over the emulator's clock, events and SQS.
 * @example
 * ```ts
 * const { model, service } = createSnsWiring({ clock, events, sqs: sqsModel });
 * ```
 */
export function createSnsWiring(options: SnsWiringOptions): { model: SnsModel; service: ServiceDefinition } {
  const model = new SnsModel({
    clock: options.clock,
    sqs: snsToSqsPort(options.sqs),
    http: options.http ?? fetchHttpPort(),
    onEvent: snsEventBridge(options.events),
  });
  return { model, service: createSnsService(model) };
}
