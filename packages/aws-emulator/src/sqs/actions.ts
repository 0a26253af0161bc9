/**
 * @module sqs/actions
 * The SQS action table: AWS action name -> handler(input, context) -> output, with AWS member names.
 * Both the JSON 1.0 and the Query protocol dispatch through this one table.
 */

import { AwsServiceError } from "../errors.js";
import {
  optionalInteger,
  optionalObjectList,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredString,
} from "../protocol/input.js";
import type { ActionHandler, ActionInput, RequestContext } from "../protocol/service.js";
import { invalidAttributeName, invalidParameter, invalidParameterValue, missingParameter } from "./model/errors.js";
import type { SendMessageResult } from "./model/message.js";
import { QUEUE_ATTRIBUTE_NAMES, SQS_LIMITS } from "./model/queue-config.js";
import type { SqsModel } from "./model/sqs-model.js";
import { attributesSize } from "./model/validate-message.js";
import { decodeAttributes, encodeMessage, queueFromUrl, queueUrl, receiveSelection } from "./wire.js";

const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

function batchError(code: string, message: string): AwsServiceError {
  return new AwsServiceError(code, message, { queryErrorCode: `AWS.SimpleQueueService.${code}` });
}

/** Validates a batch's entries: 1–10, well-formed and distinct ids. */
function batchEntries(input: ActionInput): ActionInput[] {
  const entries = optionalObjectList(input, "Entries");
  // Query cannot express an empty list, so an absent list is the same empty batch.
  if (entries === undefined || entries.length === 0)
    throw batchError("EmptyBatchRequest", "There should be at least one SendMessageBatchRequestEntry in the request.");
  if (entries.length > SQS_LIMITS.maxBatchEntries) {
    throw batchError(
      "TooManyEntriesInBatchRequest",
      `Maximum number of entries per request are ${SQS_LIMITS.maxBatchEntries}. You have sent ${entries.length}.`,
    );
  }
  const ids = new Set<string>();
  for (const entry of entries) {
    const id = entry.Id;
    if (typeof id !== "string" || !BATCH_ENTRY_ID.test(id)) {
      throw batchError(
        "InvalidBatchEntryId",
        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
      );
    }
    if (ids.has(id)) throw batchError("BatchEntryIdsNotDistinct", `Id ${id} repeated.`);
    ids.add(id);
  }
  return entries;
}

/** Runs `fn` per entry, collecting `Successful` and `Failed` as AWS does. */
function runBatch(
  entries: ActionInput[],
  fn: (entry: ActionInput) => Record<string, unknown>,
): { Successful: Record<string, unknown>[]; Failed: Record<string, unknown>[] } {
  const Successful: Record<string, unknown>[] = [];
  const Failed: Record<string, unknown>[] = [];
  for (const entry of entries) {
    try {
      Successful.push({ Id: entry.Id, ...fn(entry) });
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      Failed.push({ Id: entry.Id, SenderFault: error.senderFault, Code: error.queryErrorCode, Message: error.message });
    }
  }
  return { Successful, Failed };
}

function sendOutput(result: SendMessageResult): Record<string, unknown> {
  return {
    MessageId: result.messageId,
    MD5OfMessageBody: result.md5OfBody,
    ...(result.md5OfMessageAttributes === undefined ? {} : { MD5OfMessageAttributes: result.md5OfMessageAttributes }),
    ...(result.md5OfMessageSystemAttributes === undefined
      ? {}
      : { MD5OfMessageSystemAttributes: result.md5OfMessageSystemAttributes }),
    ...(result.sequenceNumber === undefined ? {} : { SequenceNumber: result.sequenceNumber }),
  };
}

function sendInput(input: ActionInput, context: RequestContext) {
  const systemAttributes = decodeAttributes(input, "MessageSystemAttributes");
  for (const [name, value] of Object.entries(systemAttributes ?? {})) {
    if (name !== "AWSTraceHeader" || value.dataType !== "String" || value.stringValue === undefined) {
      throw invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    }
  }
  return {
    body: requiredString(input, "MessageBody"),
    delaySeconds: optionalInteger(input, "DelaySeconds"),
    messageAttributes: decodeAttributes(input, "MessageAttributes"),
    systemAttributes,
    messageGroupId: optionalString(input, "MessageGroupId"),
    messageDeduplicationId: optionalString(input, "MessageDeduplicationId"),
    senderId: context.accessKeyId ?? context.accountId,
  };
}

function ranged(name: string, value: number | undefined, min: number, max: number, reason: string): number | undefined {
  if (value !== undefined && (value < min || value > max)) throw invalidParameter(name, value, reason);
  return value;
}

function paginate<T>(
  items: T[],
  key: (item: T) => string,
  input: ActionInput,
): { page: T[]; next: string | undefined } {
  const max = ranged(
    "MaxResults",
    optionalInteger(input, "MaxResults"),
    1,
    1_000,
    "MaxResults must be an integer between 1 and 1000.",
  );
  const token = optionalString(input, "NextToken");
  let start = 0;
  if (token !== undefined) {
    let after: string;
    try {
      after = Buffer.from(token, "base64url").toString("utf8");
    } catch {
      throw invalidParameterValue("Invalid NextToken value.");
    }
    start = items.findIndex((item) => key(item) > after);
    if (start < 0) start = items.length;
  }
  const limit = max ?? 1_000;
  const page = items.slice(start, start + limit);
  const last = page[page.length - 1];
  const next =
    max !== undefined && start + limit < items.length && last !== undefined
      ? Buffer.from(key(last), "utf8").toString("base64url")
      : undefined;
  return { page, next };
}

/**
 * Builds the SQS action table over a model.
 * @example
 * ```ts
 * const actions = createSqsActions(model);
 * await actions.CreateQueue?.({ QueueName: "q" }, context); // { QueueUrl: "http://…/000000000000/q" }
 * ```
 */
export function createSqsActions(model: SqsModel): Readonly<Record<string, ActionHandler>> {
  const queueOf = (input: ActionInput, context: RequestContext) =>
    queueFromUrl(model, context, requiredString(input, "QueueUrl"));

  return Object.freeze({
    CreateQueue(input, context) {
      const name = requiredString(input, "QueueName");
      const attributes = optionalStringMap(input, "Attributes") ?? {};
      const tags = optionalStringMap(input, "tags") ?? optionalStringMap(input, "Tags") ?? {};
      const { queue } = model.createQueue(context, name, attributes, tags);
      return { QueueUrl: queueUrl(context, queue) };
    },

    GetQueueUrl(input, context) {
      const name = requiredString(input, "QueueName");
      const owner = optionalString(input, "QueueOwnerAWSAccountId") ?? context.accountId;
      return { QueueUrl: queueUrl(context, model.getQueue(owner, context.region, name)) };
    },

    ListQueues(input, context) {
      const queues = model.listQueues(context, optionalString(input, "QueueNamePrefix") ?? "");
      const { page, next } = paginate(queues, (queue) => queue.name, input);
      return {
        ...(page.length === 0 ? {} : { QueueUrls: page.map((queue) => queueUrl(context, queue)) }),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },

    DeleteQueue(input, context) {
      model.deleteQueue(queueOf(input, context));
      return undefined;
    },

    GetQueueAttributes(input, context) {
      const queue = queueOf(input, context);
      const names = optionalStringList(input, "AttributeNames") ?? [];
      for (const name of names)
        if (name !== "All" && !QUEUE_ATTRIBUTE_NAMES.has(name)) throw invalidAttributeName(name);
      if (names.length === 0) return {};
      const all = queue.attributes();
      if (names.includes("All")) return { Attributes: all };
      const picked: Record<string, string> = {};
      for (const name of names) {
        const value = all[name];
        if (value !== undefined) picked[name] = value;
      }
      return Object.keys(picked).length === 0 ? {} : { Attributes: picked };
    },

    SetQueueAttributes(input, context) {
      const queue = queueOf(input, context);
      const attributes = optionalStringMap(input, "Attributes");
      if (attributes === undefined) throw missingParameter("Attributes");
      model.setQueueAttributes(queue, attributes);
      return undefined;
    },

    SendMessage(input, context) {
      const queue = queueOf(input, context);
      return sendOutput(queue.send(sendInput(input, context)));
    },

    SendMessageBatch(input, context) {
      const queue = queueOf(input, context);
      const entries = batchEntries(input);
      let total = 0;
      for (const entry of entries) {
        if (typeof entry.MessageBody === "string") total += Buffer.byteLength(entry.MessageBody, "utf8");
        try {
          total += attributesSize(decodeAttributes(entry, "MessageAttributes"));
        } catch {
          // reported per entry below
        }
      }
      if (total > SQS_LIMITS.maxMessageSize) {
        throw batchError(
          "BatchRequestTooLong",
          `Batch requests cannot be longer than ${SQS_LIMITS.maxMessageSize} bytes. You have sent ${total} bytes.`,
        );
      }
      return runBatch(entries, (entry) => sendOutput(queue.send(sendInput(entry, context))));
    },

    async ReceiveMessage(input, context) {
      const queue = queueOf(input, context);
      const maxMessages = ranged(
        "MaxNumberOfMessages",
        optionalInteger(input, "MaxNumberOfMessages"),
        1,
        10,
        "Must be between 1 and 10, if provided.",
      );
      const waitTimeSeconds = ranged(
        "WaitTimeSeconds",
        optionalInteger(input, "WaitTimeSeconds"),
        0,
        SQS_LIMITS.maxWaitTimeSeconds,
        "Must be >= 0 and <= 20, if provided.",
      );
      const visibilityTimeout = ranged(
        "VisibilityTimeout",
        optionalInteger(input, "VisibilityTimeout"),
        0,
        SQS_LIMITS.maxVisibilityTimeout,
        "Must be >= 0 and <= 43200, if provided.",
      );
      const selection = receiveSelection(
        optionalStringList(input, "AttributeNames"),
        optionalStringList(input, "MessageSystemAttributeNames"),
        optionalStringList(input, "MessageAttributeNames"),
      );
      optionalString(input, "ReceiveRequestAttemptId");
      const messages = await queue.receive({ maxMessages, waitTimeSeconds, visibilityTimeout, signal: context.signal });
      return messages.length === 0 ? {} : { Messages: messages.map((message) => encodeMessage(message, selection)) };
    },

    DeleteMessage(input, context) {
      queueOf(input, context).deleteMessage(requiredString(input, "ReceiptHandle"));
      return undefined;
    },

    DeleteMessageBatch(input, context) {
      const queue = queueOf(input, context);
      return runBatch(batchEntries(input), (entry) => {
        queue.deleteMessage(requiredString(entry, "ReceiptHandle"));
        return {};
      });
    },

    ChangeMessageVisibility(input, context) {
      const queue = queueOf(input, context);
      const timeout = optionalInteger(input, "VisibilityTimeout");
      if (timeout === undefined) throw missingParameter("VisibilityTimeout");
      queue.changeVisibility(requiredString(input, "ReceiptHandle"), timeout);
      return undefined;
    },

    ChangeMessageVisibilityBatch(input, context) {
      const queue = queueOf(input, context);
      return runBatch(batchEntries(input), (entry) => {
        const timeout = optionalInteger(entry, "VisibilityTimeout");
        if (timeout === undefined) throw missingParameter("VisibilityTimeout");
        queue.changeVisibility(requiredString(entry, "ReceiptHandle"), timeout);
        return {};
      });
    },

    PurgeQueue(input, context) {
      queueOf(input, context).purge();
      return undefined;
    },

    TagQueue(input, context) {
      const queue = queueOf(input, context);
      const tags = optionalStringMap(input, "Tags");
      if (tags === undefined) throw missingParameter("Tags");
      const keys = new Set([...queue.tags.keys(), ...Object.keys(tags)]);
      if (keys.size > SQS_LIMITS.maxTags) throw invalidParameterValue(`Too many tags added for queue ${queue.name}.`);
      for (const [key, value] of Object.entries(tags)) queue.tags.set(key, value);
      return undefined;
    },

    UntagQueue(input, context) {
      const queue = queueOf(input, context);
      const keys = optionalStringList(input, "TagKeys");
      if (keys === undefined) throw missingParameter("TagKeys");
      for (const key of keys) queue.tags.delete(key);
      return undefined;
    },

    ListQueueTags(input, context) {
      const queue = queueOf(input, context);
      return queue.tags.size === 0 ? {} : { Tags: Object.fromEntries(queue.tags) };
    },

    ListDeadLetterSourceQueues(input, context) {
      const queue = queueOf(input, context);
      const { page, next } = paginate(model.deadLetterSourceQueues(queue), (source) => source.name, input);
      return {
        queueUrls: page.map((source) => queueUrl(context, source)),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },

    StartMessageMoveTask(input) {
      const handle = model.startMoveTask(
        requiredString(input, "SourceArn"),
        optionalString(input, "DestinationArn"),
        optionalInteger(input, "MaxNumberOfMessagesPerSecond"),
      );
      return { TaskHandle: handle };
    },

    ListMessageMoveTasks(input) {
      const max = ranged("MaxResults", optionalInteger(input, "MaxResults"), 1, 10, "Must be between 1 and 10.");
      const tasks = model.listMoveTasks(requiredString(input, "SourceArn"), max ?? 1);
      return {
        Results: tasks.map((task) => ({
          TaskHandle: task.status === "RUNNING" ? task.taskHandle : undefined,
          Status: task.status,
          SourceArn: task.sourceArn,
          DestinationArn: task.destinationArn,
          MaxNumberOfMessagesPerSecond: task.maxNumberOfMessagesPerSecond,
          ApproximateNumberOfMessagesMoved: task.approximateNumberOfMessagesMoved,
          ApproximateNumberOfMessagesToMove: task.approximateNumberOfMessagesToMove,
          FailureReason: task.failureReason,
          StartedTimestamp: task.startedTimestamp,
        })),
      };
    },

    CancelMessageMoveTask(input) {
      return { ApproximateNumberOfMessagesMoved: model.cancelMoveTask(requiredString(input, "TaskHandle")) };
    },

    AddPermission(input, context) {
      const queue = queueOf(input, context);
      const label = requiredString(input, "Label");
      const accounts = optionalStringList(input, "AWSAccountIds");
      const actions = optionalStringList(input, "Actions");
      if (accounts === undefined || accounts.length === 0) throw missingParameter("AWSAccountIds");
      if (actions === undefined || actions.length === 0) throw missingParameter("Actions");
      model.addPermission(queue, label, accounts, actions);
      return undefined;
    },

    RemovePermission(input, context) {
      model.removePermission(queueOf(input, context), requiredString(input, "Label"));
      return undefined;
    },
  } satisfies Record<string, ActionHandler>);
}
