/**
 * @module sns/model/notification
 * The JSON documents SNS sends: `Notification` (to SQS without raw delivery, and to HTTP endpoints)
 * and `SubscriptionConfirmation`, laid out exactly as AWS writes them: two-space indent, `" : "`
 * separators, keys in AWS's order, message attributes one per line as compact `{"Type":…,"Value":…}`.
 *
 * `Signature` is NOT a real RSA signature: it is 256 bytes (the size of AWS's SHA1withRSA signature):
 * the SHA-256 of AWS's string-to-sign repeated eight times, base64-encoded, so it is deterministic and stable
 * in tests but will not verify against any certificate.
 * @internal
 */

import { createHash } from "node:crypto";
import { toNotificationAttribute } from "./message-attributes.js";
import type { SnsMessageAttribute } from "./types.js";

/** The fields of a `Notification` document. */
export interface NotificationFields {
  readonly messageId: string;
  readonly topicArn: string;
  readonly subscriptionArn: string;
  readonly region: string;
  readonly message: string;
  /** Epoch milliseconds of the publish. */
  readonly timestamp: number;
  readonly subject?: string;
  readonly sequenceNumber?: string;
  readonly messageAttributes?: Readonly<Record<string, SnsMessageAttribute>>;
  /** Base of `UnsubscribeURL`, e.g. `http://127.0.0.1:4566`. */
  readonly baseUrl: string;
}

/** The default public SNS endpoint of a region, used when the caller gives no base URL. */
export function defaultSnsBaseUrl(region: string): string {
  return `https://sns.${region}.amazonaws.com`;
}

/** `https://sns.<region>.amazonaws.com/SimpleNotificationService-<hash>.pem`, one per region. */
export function signingCertUrl(region: string): string {
  let url = certUrls.get(region);
  if (url === undefined) {
    const hash = createHash("md5").update(`probity-aws-emulator:${region}`).digest("hex");
    url = `https://sns.${region}.amazonaws.com/SimpleNotificationService-${hash}.pem`;
    certUrls.set(region, url);
  }
  return url;
}

const certUrls = new Map<string, string>();

/** A deterministic 256-byte pseudo-signature over AWS's string-to-sign, base64-encoded. */
export function pseudoSignature(fields: readonly [string, string | undefined][]): string {
  const stringToSign = fields
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}\n${value}\n`)
    .join("");
  const digest = createHash("sha256").update(stringToSign).digest();
  return Buffer.concat(new Array<Buffer>(8).fill(digest)).toString("base64");
}

function trimSlash(url: string): string {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}

/** ISO-8601 with milliseconds and `Z`, as AWS writes `Timestamp`. */
export function isoTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function render(entries: readonly [string, string | undefined][], tail?: string): string {
  const lines = entries
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `  ${JSON.stringify(key)} : ${JSON.stringify(value)}`);
  if (tail !== undefined) lines.push(tail);
  return `{\n${lines.join(",\n")}\n}`;
}

/** The SNS `Notification` JSON for one subscription. */
export function formatNotification(fields: NotificationFields): string {
  const timestamp = isoTimestamp(fields.timestamp);
  const signature = pseudoSignature([
    ["Message", fields.message],
    ["MessageId", fields.messageId],
    ["Subject", fields.subject],
    ["Timestamp", timestamp],
    ["TopicArn", fields.topicArn],
    ["Type", "Notification"],
  ]);
  const attributes = Object.entries(fields.messageAttributes ?? {});
  const tail =
    attributes.length === 0
      ? undefined
      : `  "MessageAttributes" : {\n${attributes
          .map(([name, value]) => `    ${JSON.stringify(name)} : ${JSON.stringify(toNotificationAttribute(value))}`)
          .join(",\n")}\n  }`;
  return render(
    [
      ["Type", "Notification"],
      ["MessageId", fields.messageId],
      ["SequenceNumber", fields.sequenceNumber],
      ["TopicArn", fields.topicArn],
      ["Subject", fields.subject],
      ["Message", fields.message],
      ["Timestamp", timestamp],
      ["SignatureVersion", "1"],
      ["Signature", signature],
      ["SigningCertURL", signingCertUrl(fields.region)],
      ["UnsubscribeURL", `${trimSlash(fields.baseUrl)}/?Action=Unsubscribe&SubscriptionArn=${fields.subscriptionArn}`],
    ],
    tail,
  );
}

/** The fields of a `SubscriptionConfirmation` document. */
export interface ConfirmationFields {
  readonly messageId: string;
  readonly token: string;
  readonly topicArn: string;
  readonly region: string;
  readonly timestamp: number;
  readonly baseUrl: string;
}

/** The `SubscriptionConfirmation` JSON POSTed to a new `http`/`https` endpoint. */
export function formatSubscriptionConfirmation(fields: ConfirmationFields): string {
  const timestamp = isoTimestamp(fields.timestamp);
  const message = `You have chosen to subscribe to the topic ${fields.topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`;
  const subscribeUrl = `${trimSlash(fields.baseUrl)}/?Action=ConfirmSubscription&TopicArn=${fields.topicArn}&Token=${fields.token}`;
  const signature = pseudoSignature([
    ["Message", message],
    ["MessageId", fields.messageId],
    ["SubscribeURL", subscribeUrl],
    ["Timestamp", timestamp],
    ["Token", fields.token],
    ["TopicArn", fields.topicArn],
    ["Type", "SubscriptionConfirmation"],
  ]);
  return render([
    ["Type", "SubscriptionConfirmation"],
    ["MessageId", fields.messageId],
    ["Token", fields.token],
    ["TopicArn", fields.topicArn],
    ["Message", message],
    ["SubscribeURL", subscribeUrl],
    ["Timestamp", timestamp],
    ["SignatureVersion", "1"],
    ["Signature", signature],
    ["SigningCertURL", signingCertUrl(fields.region)],
  ]);
}
