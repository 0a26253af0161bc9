import { describe, expect, it } from "vitest";
import { realEmulatorClock } from "../clock.js";
import { EmulatorEvents } from "../events.js";
import { SqsModel } from "../sqs/model/sqs-model.js";
import { createSqsService } from "../sqs/service.js";
import { AwsRequestHandler } from "./handler.js";

function handler(onInternalError?: (error: unknown) => void) {
  const model = new SqsModel({ clock: realEmulatorClock, events: new EmulatorEvents() });
  const service = createSqsService(model);
  return new AwsRequestHandler({
    services: [
      {
        ...service,
        actions: {
          ...service.actions,
          Explode: () => {
            throw new TypeError("boom");
          },
        },
      },
    ],
    defaultRegion: "us-east-1",
    defaultAccountId: "000000000000",
    routes: [
      {
        name: "dynamodb",
        matches: (request) => request.header("x-amz-target")?.startsWith("DynamoDB_20120810.") === true,
        handle: () => ({
          status: 200,
          headers: { "content-type": "application/x-amz-json-1.0" },
          body: '{"TableNames":[]}',
        }),
      },
    ],
    ...(onInternalError === undefined ? {} : { onInternalError }),
  });
}

function json(target: string, body: string, authorization?: string): Request {
  return new Request("http://localhost:4566/", {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": target,
      ...(authorization === undefined ? {} : { authorization }),
    },
    body,
  });
}

describe("AwsRequestHandler", () => {
  it("builds queue URLs from the Host header when answering without a socket", async () => {
    const response = await handler().handle(json("AmazonSQS.CreateQueue", '{"QueueName":"q"}'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ QueueUrl: "http://localhost:4566/000000000000/q" });
  });

  it("takes region and account from the SigV4 scope when the request is signed", async () => {
    const h = handler();
    const auth = "AWS4-HMAC-SHA256 Credential=123456789012/20250101/ap-south-1/sqs/aws4_request, SignedHeaders=host";
    await h.handle(json("AmazonSQS.CreateQueue", '{"QueueName":"q"}', auth));
    const response = await h.handle(
      json(
        "AmazonSQS.GetQueueAttributes",
        '{"QueueUrl":"http://x/123456789012/q","AttributeNames":["QueueArn"]}',
        auth,
      ),
    );
    expect(await response.json()).toEqual({ Attributes: { QueueArn: "arn:aws:sqs:ap-south-1:123456789012:q" } });
  });

  it("renders the query error header when a JSON action fails", async () => {
    const response = await handler().handle(json("AmazonSQS.GetQueueUrl", '{"QueueName":"none"}'));
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-query-error")).toBe("AWS.SimpleQueueService.NonExistentQueue;Sender");
    expect(await response.json()).toEqual({
      __type: "com.amazonaws.sqs#QueueDoesNotExist",
      message: "The specified queue does not exist.",
    });
  });

  it("answers InvalidAction when the target or action is unknown", async () => {
    const unknownAction = await handler().handle(json("AmazonSQS.Nope", "{}"));
    expect((await unknownAction.json()).__type).toBe("com.amazonaws.sqs#InvalidAction");
    const unknownService = await handler().handle(json("AmazonFoo.List", "{}"));
    expect(unknownService.status).toBe(400);
  });

  it("answers InternalFailure and keeps serving when an action throws a non-AWS error", async () => {
    const errors: unknown[] = [];
    const h = handler((error) => errors.push(error));
    const response = await h.handle(json("AmazonSQS.Explode", "{}"));
    expect(response.status).toBe(500);
    expect(response.headers.get("x-amzn-query-error")).toBe("InternalFailure;Receiver");
    expect(errors).toHaveLength(1);
    expect((await h.handle(json("AmazonSQS.ListQueues", "{}"))).status).toBe(200);
  });

  it("hands a request to a raw route when it matches (the DynamoDB hook)", async () => {
    const response = await handler().handle(json("DynamoDB_20120810.ListTables", "{}"));
    expect(await response.json()).toEqual({ TableNames: [] });
  });

  it("answers MissingAction when a form has no Action", async () => {
    const response = await handler().handle(
      new Request("http://localhost/", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "QueueName=q",
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<Code>MissingAction</Code>");
  });
});
