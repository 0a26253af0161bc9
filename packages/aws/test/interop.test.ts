/**
 * End to end against the reference algorithm: a body built by tomodachi's JsonBase in Python,
 * delivered through SNS to SQS with raw delivery off (notification laid out as AWS writes it),
 * decoded and validated here.
 */
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { decodeMessage, jsonBase } from "../src/index.js";
import { pythonSkipReason, runPython, TOMODACHI_BUILD_SCRIPT } from "./python.js";

function awsNotification(message: string): string {
  return `{
  "Type" : "Notification",
  "MessageId" : "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
  "TopicArn" : "arn:aws:sns:eu-west-1:123456789012:order--created",
  "Message" : ${JSON.stringify(message)},
  "Timestamp" : "2024-05-01T12:00:00.000Z",
  "SignatureVersion" : "1",
  "Signature" : "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=",
  "SigningCertURL" : "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem",
  "UnsubscribeURL" : "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:eu-west-1:123456789012:order--created:c9135db0",
  "MessageAttributes" : {
    "event" : {"Type":"String","Value":"OrderCreated"}
  }
}`;
}

describe("tomodachi interop", () => {
  it.skipIf(pythonSkipReason !== undefined)(
    "decodes a Python-built JsonBase message when it arrives as an SNS notification",
    async () => {
      const spec = {
        service: { name: "order", uuid: "svc-uuid" },
        topic: "order--created",
        uuid4: "6c403295-2755-4178-a4f1-e3b698927971",
        timestamp: "1714564800.123456",
        data_json: JSON.stringify({
          order_id: "o-1",
          customer_id: "c-1",
          note: "Zoë 😀",
          lines: new Array(3).fill({ qty: 1.5 }),
        }),
      };
      const [body = ""] = JSON.parse(runPython(TOMODACHI_BUILD_SCRIPT, JSON.stringify(spec))) as string[];
      const schema = v.object({ order_id: v.string(), customer_id: v.string(), note: v.string() });
      const message = await decodeMessage(
        { MessageId: "sqs-1", ReceiptHandle: "rh", Body: awsNotification(body) },
        { envelope: jsonBase, schema, queue: "customer--order-created" },
      );
      expect(message.payload).toEqual({ order_id: "o-1", customer_id: "c-1", note: "Zoë 😀" });
      expect(message.metadata).toMatchObject({
        messageUuid: "svc-uuid.6c403295-2755-4178-a4f1-e3b698927971",
        timestamp: 1714564800.123456,
      });
      expect(message.attributes).toEqual({ event: "OrderCreated" });
      expect(message.notification).toMatchObject({
        topic: "order--created",
        messageId: "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
      });
      const rebuilt = jsonBase.build(JSON.parse(spec.data_json), {
        topic: message.metadata.topic ?? "",
        service: message.metadata.service,
        timestamp: message.metadata.timestamp ?? 0,
        messageUuid: message.metadata.messageUuid ?? "",
      });
      expect(rebuilt).toBe(body);
    },
  );
});
