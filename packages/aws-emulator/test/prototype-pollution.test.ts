/**
 * Names like `__proto__`, `constructor` and `prototype` in queue attributes, message attributes, tags and
 * Query form keys: `Object.prototype` stays untouched and the values round-trip (or are rejected as AWS
 * rejects unknown queue attributes), over both protocols. Regression for message attributes named
 * `__proto__` vanishing (JSON and Query) and Query `__proto__.X=…` keys grafting members onto the input.
 */

import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { jsonRequest, type SqsFixture, startSqs } from "./helpers.js";

let fixture: SqsFixture;
let queueUrl: string;
let queues = 0;

beforeAll(async () => {
  fixture = await startSqs();
});

beforeEach(async () => {
  const created = await jsonRequest(fixture.aws.endpoint, "CreateQueue", { QueueName: `proto-${++queues}` });
  queueUrl = created.result.QueueUrl as string;
});

afterAll(async () => {
  fixture.sqs.destroy();
  await fixture.aws.stop();
});

function expectPrototypeUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(
    Object.getOwnPropertyNames(Object.getPrototypeOf({})).sort(),
  );
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}

async function form(body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${fixture.aws.endpoint}/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** JSON text with a `__proto__` member (an object literal would set the prototype instead). */
const PROTO_ATTRIBUTES =
  '{"__proto__":{"DataType":"String","StringValue":"p"},"constructor":{"DataType":"String","StringValue":"c"},"prototype":{"DataType":"Number","StringValue":"1"}}';

describe("prototype-named keys", () => {
  it("round-trips message attributes named __proto__ when sent over JSON", async () => {
    const sent = await jsonRequest(
      fixture.aws.endpoint,
      "SendMessage",
      `{"QueueUrl":"${queueUrl}","MessageBody":"json","MessageAttributes":${PROTO_ATTRIBUTES}}`,
    );
    expect(sent.status).toBe(200);
    const received = await jsonRequest(fixture.aws.endpoint, "ReceiveMessage", {
      QueueUrl: queueUrl,
      MessageAttributeNames: ["All"],
    });
    const [message] = received.result.Messages as Array<{ MessageAttributes: Record<string, unknown> }>;
    expect(Object.keys(message?.MessageAttributes ?? {}).sort()).toEqual(["__proto__", "constructor", "prototype"]);
    expect(received.result).toMatchObject({
      Messages: [{ MD5OfMessageAttributes: sent.result.MD5OfMessageAttributes }],
    });
    expectPrototypeUntouched();
  });

  it("round-trips a __proto__ message attribute when sent over Query", async () => {
    const sent = await form(
      `Action=SendMessage&QueueUrl=${queueUrl}&MessageBody=query&MessageAttribute.1.Name=__proto__&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=v`,
    );
    expect(sent.text).toContain("<MD5OfMessageAttributes>");
    const received = await form(`Action=ReceiveMessage&QueueUrl=${queueUrl}&MessageAttributeName.1=All`);
    expect(received.text).toContain("<MessageAttribute><Name>__proto__</Name>");
    expectPrototypeUntouched();
  });

  it("passes the SDK's MD5 checks when attributes are named constructor and prototype", async () => {
    await fixture.sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: "sdk",
        MessageAttributes: {
          constructor: { DataType: "String", StringValue: "c" },
          prototype: { DataType: "String", StringValue: "p" },
        },
      }),
    );
    const { Messages = [] } = await fixture.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageAttributeNames: ["All"] }),
    );
    const attributes = new Map(Object.entries(Messages[0]?.MessageAttributes ?? {}));
    expect(attributes.get("constructor")?.StringValue).toBe("c");
    expect(attributes.get("prototype")?.StringValue).toBe("p");
  });

  it("keeps tags named __proto__, constructor and prototype when tagged over either protocol", async () => {
    await jsonRequest(
      fixture.aws.endpoint,
      "TagQueue",
      `{"QueueUrl":"${queueUrl}","Tags":{"__proto__":"a","constructor":"b"}}`,
    );
    await form(
      `Action=TagQueue&QueueUrl=${queueUrl}&Tag.1.Key=prototype&Tag.1.Value=c&Tag.2.Key=toString&Tag.2.Value=d`,
    );
    const tags = await jsonRequest(fixture.aws.endpoint, "ListQueueTags", { QueueUrl: queueUrl });
    expect(tags.result.Tags).toEqual(JSON.parse('{"__proto__":"a","constructor":"b","prototype":"c","toString":"d"}'));
    expectPrototypeUntouched();
  });

  it("rejects a queue attribute named __proto__ the same way over JSON and Query", async () => {
    const json = await jsonRequest(
      fixture.aws.endpoint,
      "CreateQueue",
      '{"QueueName":"p1","Attributes":{"__proto__":"1"}}',
    );
    const query = await form("Action=CreateQueue&QueueName=p2&Attribute.1.Name=__proto__&Attribute.1.Value=1");
    expect(json.errorType).toBe("InvalidAttributeName");
    expect(query.status).toBe(400);
    expect(query.text).toContain("<Code>InvalidAttributeName</Code>");
    expect(fixture.aws.sqs.queue("p2")).toBeUndefined();
  });

  it("ignores __proto__ and constructor form keys when they try to inject parameters", async () => {
    const answer = await form(
      "Action=GetQueueUrl&__proto__.QueueName=proto-1&constructor.prototype.polluted=1&__proto__.polluted=1",
    );
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("<Code>MissingParameter</Code>");
    expectPrototypeUntouched();
  });
});
