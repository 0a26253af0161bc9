/**
 * @module inspection/peek
 * Reading a queue's messages without consuming them: `GET /_probity/sqs/messages?queue=…` (probity's
 * JSON) and LocalStack's SQS developer endpoint `/_aws/sqs/messages` (the `ReceiveMessage` shape, XML or
 * JSON). Neither changes visibility, receive counts or timers.
 */

import { AwsServiceError } from "../errors.js";
import { AWS_JSON_CONTENT_TYPE, decodeJsonInput, encodeJsonError, encodeJsonOutput } from "../protocol/aws-json.js";
import { encodeQueryError, encodeQueryOutput } from "../protocol/aws-query.js";
import type { AwsHttpRequest, AwsHttpResponse } from "../protocol/http-types.js";
import type { PeekedMessage, SqsQueue } from "../sqs/model/queue.js";
import { SQS_QUERY_SHAPES } from "../sqs/service.js";
import { encodeAttributes, encodeMessage, receiveSelection } from "../sqs/wire.js";

/** A message as `GET /_probity/sqs/messages` shows it. */
export interface PeekedMessageView {
  messageId: string;
  body: string;
  state: "visible" | "inFlight" | "delayed";
  /** `true` while received and neither deleted nor visible again. */
  inFlight: boolean;
  receiveCount: number;
  /** Epoch ms of the send. */
  sentTimestamp: number;
  /** Epoch ms of the first receive; absent when never received. */
  firstReceiveTimestamp?: number;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  sequenceNumber?: string;
  deadLetterQueueSourceArn?: string;
  /** AWS shape: `{ name: { DataType, StringValue | BinaryValue (base64) } }`. */
  messageAttributes?: Record<string, Record<string, string>>;
}

/** Renders one peeked message for probity's JSON. @internal */
export function peekedMessageView(message: PeekedMessage): PeekedMessageView {
  const content = message.content;
  const view: PeekedMessageView = {
    messageId: message.messageId,
    body: content.body,
    state: message.state,
    inFlight: message.state === "inFlight",
    receiveCount: message.receiveCount,
    sentTimestamp: content.sentAt,
  };
  if (message.firstReceivedAt > 0) view.firstReceiveTimestamp = message.firstReceivedAt;
  if (content.messageGroupId !== undefined) view.messageGroupId = content.messageGroupId;
  if (content.messageDeduplicationId !== undefined) view.messageDeduplicationId = content.messageDeduplicationId;
  if (message.sequenceNumber !== undefined) view.sequenceNumber = message.sequenceNumber;
  if (message.deadLetterSourceArn !== undefined) view.deadLetterQueueSourceArn = message.deadLetterSourceArn;
  if (content.messageAttributes !== undefined) view.messageAttributes = encodeAttributes(content.messageAttributes);
  return view;
}

const SQS_WIRE = {
  jsonErrorPrefix: "com.amazonaws.sqs#",
  xmlNamespace: "http://queue.amazonaws.com/doc/2012-11-05/",
  query: SQS_QUERY_SHAPES,
};
/** LocalStack's dummy receipt handle for peeked messages. */
const BACKDOOR_RECEIPT_HANDLE = "SQS/BACKDOOR/ACCESS";

/** Where the LocalStack alias finds a queue. @internal */
export interface QueueLocator {
  find(accountId: string, region: string, name: string): SqsQueue | undefined;
  readonly defaultAccountId: string;
  readonly defaultRegion: string;
}

function truthy(value: string | null | undefined): boolean {
  return value !== null && value !== undefined && ["true", "1"].includes(value.toLowerCase());
}

/** Region from a LocalStack-style host (`sqs.eu-west-1.localhost.localstack.cloud`), else undefined. */
function regionFromHost(host: string): string | undefined {
  return /^sqs\.([a-z0-9-]+)\./.exec(host)?.[1];
}

function parseQueueUrl(url: string, locator: QueueLocator): { accountId: string; region: string; name: string } {
  let parsed: URL;
  try {
    parsed = new URL(url, "http://localhost");
  } catch (cause) {
    throw new AwsServiceError("InvalidAddress", `The address ${url} is not valid for this endpoint.`, {
      status: 404,
      cause,
    });
  }
  const parts = parsed.pathname.split("/").filter((part) => part !== "");
  if (parts.length !== 2) {
    throw new AwsServiceError("InvalidAddress", `The address ${url} is not valid for this endpoint.`, { status: 404 });
  }
  const [accountId, name] = parts as [string, string];
  return { accountId, region: regionFromHost(parsed.hostname) ?? locator.defaultRegion, name };
}

/**
 * Answers LocalStack's `/_aws/sqs/messages` (QueueUrl as query or form parameter, or JSON body) and
 * `/_aws/sqs/messages/<region>/<account>/<queue>`, with `ShowInvisible` / `ShowDelayed`. JSON when the
 * request is AWS JSON 1.0 or accepts `application/json`, else the Query XML of `ReceiveMessage`.
 * @internal
 */
export function answerLocalStackPeek(request: AwsHttpRequest, locator: QueueLocator): AwsHttpResponse {
  const contentType = request.header("content-type") ?? "";
  const json = contentType.startsWith(AWS_JSON_CONTENT_TYPE) || (request.header("accept") ?? "").includes("json");
  const requestId = "peek";
  try {
    const query = new URLSearchParams(request.query);
    const form = contentType.includes("x-www-form-urlencoded") ? new URLSearchParams(request.body) : undefined;
    const body = contentType.startsWith(AWS_JSON_CONTENT_TYPE) ? decodeJsonInput(request.body) : {};
    const param = (name: string): string | undefined => {
      const value = query.get(name) ?? form?.get(name) ?? body[name];
      return value === null || value === undefined ? undefined : String(value);
    };
    let where: { accountId: string; region: string; name: string };
    const rest = request.path.slice("/_aws/sqs/messages".length).split("/").filter(Boolean);
    if (rest.length === 3) {
      const [region, accountId, name] = rest as [string, string, string];
      where = { region, accountId, name: decodeURIComponent(name) };
    } else {
      const url = param("QueueUrl");
      if (url === undefined || url === "") {
        throw new AwsServiceError("QueueDoesNotExist", "The specified queue does not exist.", {
          queryErrorCode: "AWS.SimpleQueueService.NonExistentQueue",
        });
      }
      where = parseQueueUrl(url, locator);
    }
    const queue = locator.find(where.accountId, where.region, where.name);
    if (queue === undefined) {
      throw new AwsServiceError("QueueDoesNotExist", "The specified queue does not exist.", {
        queryErrorCode: "AWS.SimpleQueueService.NonExistentQueue",
      });
    }
    const showInvisible = truthy(param("ShowInvisible"));
    const showDelayed = truthy(param("ShowDelayed"));
    const selection = receiveSelection(["All"], [], ["All"]);
    const messages: Record<string, unknown>[] = [];
    for (const message of queue.peek()) {
      if (message.state === "inFlight" && !showInvisible) continue;
      if (message.state === "delayed" && !showDelayed) continue;
      const rendered = encodeMessage({ ...message, receiptHandle: BACKDOOR_RECEIPT_HANDLE }, selection);
      const attributes = (rendered.Attributes ?? {}) as Record<string, string>;
      if (showInvisible) attributes.IsVisible = String(message.state === "visible");
      if (showDelayed) attributes.IsDelayed = String(message.state === "delayed");
      rendered.Attributes = attributes;
      messages.push(rendered);
    }
    const output = { Messages: messages };
    return json
      ? encodeJsonOutput(output, requestId)
      : encodeQueryOutput("ReceiveMessage", output, SQS_WIRE, requestId);
  } catch (error) {
    const awsError =
      error instanceof AwsServiceError
        ? error
        : new AwsServiceError("InternalFailure", String(error), { status: 500, cause: error });
    return json ? encodeJsonError(awsError, SQS_WIRE, requestId) : encodeQueryError(awsError, SQS_WIRE, requestId);
  }
}
