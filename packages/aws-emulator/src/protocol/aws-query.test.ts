import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../errors.js";
import { SQS_QUERY_SHAPES } from "../sqs/service.js";
import { decodeQueryInput, encodeQueryError, encodeQueryOutput } from "./aws-query.js";
import type { QueryShapes } from "./service.js";
import { parseXml } from "./xml.js";

const sqs = { xmlNamespace: "http://queue.amazonaws.com/doc/2012-11-05/", query: SQS_QUERY_SHAPES };

describe("decodeQueryInput", () => {
  it("builds the JSON input when SQS sends flattened maps, lists and entries", () => {
    const params = new URLSearchParams({
      Action: "SendMessageBatch",
      Version: "2012-11-05",
      QueueUrl: "http://h/1/q",
      "SendMessageBatchRequestEntry.2.Id": "b",
      "SendMessageBatchRequestEntry.2.MessageBody": "two",
      "SendMessageBatchRequestEntry.1.Id": "a",
      "SendMessageBatchRequestEntry.1.MessageBody": "one",
      "SendMessageBatchRequestEntry.1.DelaySeconds": "5",
      "SendMessageBatchRequestEntry.1.MessageAttribute.1.Name": "color",
      "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType": "String",
      "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue": "red",
    });
    expect(decodeQueryInput(params, SQS_QUERY_SHAPES)).toEqual({
      action: "SendMessageBatch",
      input: {
        QueueUrl: "http://h/1/q",
        Entries: [
          {
            Id: "a",
            MessageBody: "one",
            DelaySeconds: 5,
            MessageAttributes: { color: { DataType: "String", StringValue: "red" } },
          },
          { Id: "b", MessageBody: "two" },
        ],
      },
    });
  });

  it("decodes queue attributes and attribute names when given SQS's flattened layout", () => {
    const params = new URLSearchParams(
      "Action=CreateQueue&QueueName=q&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=5&Tag.1.Key=k&Tag.1.Value=v&AttributeName.1=All",
    );
    expect(decodeQueryInput(params, SQS_QUERY_SHAPES).input).toEqual({
      QueueName: "q",
      Attributes: { VisibilityTimeout: "5" },
      Tags: { k: "v" },
      AttributeNames: ["All"],
    });
  });

  it("decodes wrapped member/entry layouts when a service does not flatten (SNS style)", () => {
    const sns: QueryShapes = {
      input: {
        Attributes: { kind: "map", member: "Attributes", entry: "entry", key: "key", value: "value", flattened: false },
        TagKeys: { kind: "list", member: "TagKeys", item: "member", flattened: false },
      },
      integers: new Set(),
      output: {},
    };
    const params = new URLSearchParams(
      "Action=X&Attributes.entry.1.key=RawMessageDelivery&Attributes.entry.1.value=true&TagKeys.member.1=a&TagKeys.member.2=b",
    );
    expect(decodeQueryInput(params, sns).input).toEqual({
      Attributes: { RawMessageDelivery: "true" },
      TagKeys: ["a", "b"],
    });
  });

  it("throws MissingAction when there is no Action", () => {
    expect(() => decodeQueryInput(new URLSearchParams("QueueName=q"), SQS_QUERY_SHAPES)).toThrow(AwsServiceError);
  });
});

describe("encodeQueryOutput", () => {
  it("renders flattened lists and maps when encoding an SQS result", () => {
    const response = encodeQueryOutput(
      "ReceiveMessage",
      { Messages: [{ MessageId: "m", Body: "a<b", Attributes: { SenderId: "s" } }] },
      sqs,
      "req-1",
    );
    expect(response.body).toContain(
      "<ReceiveMessageResult><Message><MessageId>m</MessageId><Body>a&lt;b</Body><Attribute><Name>SenderId</Name><Value>s</Value></Attribute></Message></ReceiveMessageResult>",
    );
    const xml = parseXml(response.body) as { ReceiveMessageResponse: { ResponseMetadata: { RequestId: string } } };
    expect(xml.ReceiveMessageResponse.ResponseMetadata.RequestId).toBe("req-1");
  });

  it("names batch result entries per action", () => {
    const body = encodeQueryOutput("DeleteMessageBatch", { Successful: [{ Id: "a" }], Failed: [] }, sqs, "r").body;
    expect(body).toContain("<DeleteMessageBatchResultEntry><Id>a</Id></DeleteMessageBatchResultEntry>");
  });

  it("renders the legacy code and fault when encoding an error", () => {
    const error = new AwsServiceError("QueueDoesNotExist", "gone", {
      queryErrorCode: "AWS.SimpleQueueService.NonExistentQueue",
    });
    const response = encodeQueryError(error, sqs, "r");
    expect(response.status).toBe(400);
    expect(response.body).toContain(
      "<Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>gone</Message><Detail/></Error><RequestId>r</RequestId>",
    );
  });
});
