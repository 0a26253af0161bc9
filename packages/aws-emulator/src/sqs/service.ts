/**
 * @module sqs/service
 * SQS as the protocol layer sees it: JSON target prefix `AmazonSQS`, Query namespace
 * `http://queue.amazonaws.com/doc/2012-11-05/`, and the Query layout of its lists and maps — all
 * flattened (`Attribute.1.Name`, `<Attribute><Name/><Value/></Attribute>`), as botocore's query-era
 * service model describes them.
 */

import type { QueryMemberShape, QueryShapes, ServiceDefinition } from "../protocol/service.js";
import { createSqsActions } from "./actions.js";
import type { SqsModel } from "./model/sqs-model.js";

const list = (member: string, item: string): QueryMemberShape => ({ kind: "list", member, item, flattened: true });
const map = (member: string, entry: string, key = "Name", value = "Value"): QueryMemberShape => ({
  kind: "map",
  member,
  entry,
  key,
  value,
  flattened: true,
});

/** SQS's Query layout. @internal */
export const SQS_QUERY_SHAPES: QueryShapes = {
  input: {
    Attribute: map("Attributes", "Attribute"),
    MessageAttribute: map("MessageAttributes", "MessageAttribute"),
    MessageSystemAttribute: map("MessageSystemAttributes", "MessageSystemAttribute"),
    Tag: map("Tags", "Tag", "Key", "Value"),
    AttributeName: list("AttributeNames", "AttributeName"),
    MessageAttributeName: list("MessageAttributeNames", "MessageAttributeName"),
    MessageSystemAttributeName: list("MessageSystemAttributeNames", "MessageSystemAttributeName"),
    TagKey: list("TagKeys", "TagKey"),
    AWSAccountId: list("AWSAccountIds", "AWSAccountId"),
    ActionName: list("Actions", "ActionName"),
    StringListValue: list("StringListValues", "StringListValue"),
    BinaryListValue: list("BinaryListValues", "BinaryListValue"),
    SendMessageBatchRequestEntry: list("Entries", "SendMessageBatchRequestEntry"),
    DeleteMessageBatchRequestEntry: list("Entries", "DeleteMessageBatchRequestEntry"),
    ChangeMessageVisibilityBatchRequestEntry: list("Entries", "ChangeMessageVisibilityBatchRequestEntry"),
  },
  integers: new Set([
    "DelaySeconds",
    "MaxNumberOfMessages",
    "VisibilityTimeout",
    "WaitTimeSeconds",
    "MaxResults",
    "MaxNumberOfMessagesPerSecond",
  ]),
  output: {
    QueueUrls: list("QueueUrls", "QueueUrl"),
    queueUrls: list("queueUrls", "QueueUrl"),
    Messages: list("Messages", "Message"),
    Attributes: map("Attributes", "Attribute"),
    MessageAttributes: map("MessageAttributes", "MessageAttribute"),
    StringListValues: list("StringListValues", "StringListValue"),
    BinaryListValues: list("BinaryListValues", "BinaryListValue"),
    Tags: map("Tags", "Tag", "Key", "Value"),
    Failed: list("Failed", "BatchResultErrorEntry"),
    Results: list("Results", "ListMessageMoveTasksResultEntry"),
  },
  outputByAction: {
    SendMessageBatch: { Successful: list("Successful", "SendMessageBatchResultEntry") },
    DeleteMessageBatch: { Successful: list("Successful", "DeleteMessageBatchResultEntry") },
    ChangeMessageVisibilityBatch: { Successful: list("Successful", "ChangeMessageVisibilityBatchResultEntry") },
  },
};

/**
 * The SQS service definition over a model.
 * @example
 * ```ts
 * const sqs = createSqsService(new SqsModel({ clock, events }));
 * ```
 */
export function createSqsService(model: SqsModel): ServiceDefinition {
  return {
    name: "sqs",
    jsonTargetPrefix: "AmazonSQS",
    jsonErrorPrefix: "com.amazonaws.sqs#",
    xmlNamespace: "http://queue.amazonaws.com/doc/2012-11-05/",
    apiVersion: "2012-11-05",
    query: SQS_QUERY_SHAPES,
    queryPathMember: "QueueUrl",
    actions: createSqsActions(model),
  };
}
