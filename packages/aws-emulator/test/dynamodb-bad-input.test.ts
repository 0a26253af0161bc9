/**
 * Bad input on the DynamoDB endpoint: a bounded fast-check fuzzer of malformed-but-parseable JSON against
 * every dynalite action (odd key types, huge and odd numbers, wrong attribute value shapes, nesting far past
 * DynamoDB's 32 levels), plus the size limits (16 MiB body, 16 KiB headers). Every answer must be a
 * DynamoDB-shaped JSON answer, nothing may reach the internal-error sink, and a control item stays intact.
 * The heavy variant is in `test/reliability/bad-input.test.ts`.
 */

import fc from "fast-check";
import { type AwsEmulator, startAwsEmulator } from "probity-aws-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pendingDynaliteRequests } from "../src/dynamodb/dynalite-request.js";
import { type RawAnswer, sendRaw } from "./reliability/support/raw-http.js";

const FUZZ_RUNS = Number(process.env.DYNAMODB_FUZZ_RUNS ?? 300);
const SIGNED = {
  "content-type": "application/x-amz-json-1.0",
  authorization:
    "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x",
  "x-amz-date": "20240101T000000Z",
};
const ACTIONS = [
  "BatchGetItem",
  "BatchWriteItem",
  "CreateTable",
  "DeleteItem",
  "DescribeTable",
  "DescribeTimeToLive",
  "GetItem",
  "ListTables",
  "PutItem",
  "Query",
  "Scan",
  "TagResource",
  "UntagResource",
  "ListTagsOfResource",
  "UpdateItem",
  "UpdateTable",
];
const DYNAMODB_INTERNAL = "com.amazonaws.dynamodb.v20120810#InternalServerError";
const CONTROL_ITEM = { pk: { S: "control" }, v: { M: { n: { N: "1.5" }, l: { L: [{ S: "<&>" }, { BOOL: true }] } } } };

type Answer = RawAnswer;

let aws: AwsEmulator;
const internalErrors: unknown[] = [];

function send(headers: Record<string, string>, body: string | Buffer): Promise<Answer> {
  const raw = { method: "POST", path: "/", headers, body: Buffer.from(body) };
  return sendRaw(aws.endpoint, raw, undefined, 30_000);
}

function dynamo(action: string, body: string | Buffer, extra: Record<string, string> = {}): Promise<Answer> {
  return send({ ...SIGNED, "x-amz-target": `DynamoDB_20120810.${action}`, ...extra }, body);
}

/** Undefined when `answer` is a DynamoDB JSON answer (200, or an error with a `__type`), else the problem. */
function dynamoShapeProblem(answer: Answer): string | undefined {
  if (answer.status >= 500) return `server error ${answer.status}: ${answer.body.slice(0, 200)}`;
  if (answer.headers["content-type"] !== "application/x-amz-json-1.0")
    return `content-type ${answer.headers["content-type"]}`;
  if (answer.headers["x-amzn-query-error"] !== undefined) return "an SQS-style x-amzn-query-error header";
  let body: { __type?: unknown };
  try {
    body = JSON.parse(answer.body) as { __type?: unknown };
  } catch {
    return `body is not JSON: ${answer.body.slice(0, 80)}`;
  }
  if (answer.status === 200) return undefined;
  return typeof body.__type === "string" && /^[\w.]+#\w+$/.test(body.__type)
    ? undefined
    : `__type ${String(body.__type)}`;
}

beforeAll(async () => {
  aws = await startAwsEmulator({ port: 0 });
  // The emulator logs dynalite's throws with console.error; the route is reached only through the emulator here.
  const original = console.error;
  console.error = (...args: unknown[]) => {
    internalErrors.push(args);
    original(...args);
  };
  afterAll(() => {
    console.error = original;
  });
  const created = await dynamo(
    "CreateTable",
    JSON.stringify({
      TableName: "fuzz",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  expect(created.status).toBe(200);
  expect((await dynamo("PutItem", JSON.stringify({ TableName: "fuzz", Item: CONTROL_ITEM }))).status).toBe(200);
});

afterAll(async () => {
  await aws?.stop();
});

// ---- arbitraries ---------------------------------------------------------------------------------

const nested = (depth: number, kind: "L" | "M"): string =>
  kind === "L"
    ? `${'{"L":['.repeat(depth)}{"S":"x"}${"]}".repeat(depth)}`
    : `${'{"M":{"a":'.repeat(depth)}{"S":"x"}${"}}".repeat(depth)}`;

const number = fc.oneof(
  fc.constantFrom(
    "1e125",
    "1e126",
    "-1e-130",
    "-1e-131",
    "9".repeat(39),
    "1E+99999999999",
    "-0",
    "NaN",
    "0x10",
    " 1",
    "",
  ),
  fc.double().map(String),
  fc.string({ maxLength: 8 }),
);
const attributeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ S: fc.oneof(fc.string({ maxLength: 10 }), fc.anything({ maxDepth: 2 })) }),
  fc.record({ N: fc.oneof(number, fc.anything({ maxDepth: 1 })) }),
  fc.record({ B: fc.oneof(fc.constantFrom("AAAA", "A===", "!!", ""), fc.anything({ maxDepth: 1 })) }),
  fc.record({ SS: fc.anything({ maxDepth: 2 }) }),
  fc.record({ NS: fc.oneof(fc.array(number, { maxLength: 3 }), fc.anything({ maxDepth: 2 })) }),
  fc.record({ L: fc.anything({ maxDepth: 3 }) }),
  fc.record({ M: fc.anything({ maxDepth: 3 }) }),
  fc.record({ NULL: fc.anything({ maxDepth: 1 }), BOOL: fc.anything({ maxDepth: 1 }) }, { requiredKeys: [] }),
  fc.anything({ maxDepth: 2 }),
);
const attributeName = fc.oneof(
  fc.constantFrom("pk", "v", "__proto__", "constructor", "toString", ""),
  fc.string({ maxLength: 6 }),
);
const item = fc.oneof(fc.dictionary(attributeName, attributeValue, { maxKeys: 4 }), fc.anything({ maxDepth: 2 }));
const path = fc.oneof(
  fc.constantFrom("pk", "v", "v.n", "v.l[0]", "v.l[99999999999]", "#n", "size(v)"),
  fc.string({ maxLength: 6 }),
);
const expression = fc.oneof(
  fc
    .tuple(path, fc.constantFrom("=", "<>", "<", ">=", "BETWEEN :a AND", "IN (:a,"), fc.constantFrom(":a", ":b", ":zz"))
    .map((p) => p.join(" ")),
  fc
    .tuple(fc.constantFrom("attribute_exists", "attribute_type", "begins_with", "contains", "size"), path)
    .map(([f, p]) => `${f}(${p}, :a)`),
  fc
    .tuple(
      fc.constantFrom("SET", "ADD", "DELETE", "REMOVE"),
      path,
      fc.constantFrom(":a", "list_append(v.l, :a)", "v.n + :b", ""),
    )
    .map((p) => p.join(" ")),
  fc.string({ maxLength: 20 }),
);
const body = fc.oneof(
  fc
    .record(
      {
        TableName: fc.oneof(fc.constantFrom("fuzz", "missing", "x", "a".repeat(300)), fc.anything({ maxDepth: 1 })),
        Key: item,
        Item: item,
        ExclusiveStartKey: item,
        RequestItems: fc.oneof(
          fc.record({
            fuzz: fc.oneof(
              fc.array(fc.record({ PutRequest: fc.record({ Item: item }) }), { maxLength: 3 }),
              fc.anything({ maxDepth: 2 }),
            ),
          }),
          fc.anything({ maxDepth: 3 }),
        ),
        ConditionExpression: expression,
        UpdateExpression: expression,
        FilterExpression: expression,
        KeyConditionExpression: expression,
        ProjectionExpression: expression,
        ExpressionAttributeValues: fc.oneof(
          fc.record({ ":a": attributeValue, ":b": attributeValue }),
          fc.anything({ maxDepth: 2 }),
        ),
        ExpressionAttributeNames: fc.oneof(fc.constant({ "#n": "v" }), fc.anything({ maxDepth: 2 })),
        Limit: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 4 })),
        Segment: fc.oneof(fc.integer(), fc.anything({ maxDepth: 1 })),
        TotalSegments: fc.oneof(fc.integer(), fc.anything({ maxDepth: 1 })),
        ReturnValues: fc.oneof(fc.constantFrom("ALL_OLD", "ALL_NEW", "UPDATED_NEW"), fc.anything({ maxDepth: 1 })),
        ResourceArn: fc.oneof(fc.constantFrom("arn:aws:dynamodb:us-east-1:000000000000:table/fuzz"), fc.string()),
        Tags: fc.anything({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc
    .tuple(fc.integer({ min: 33, max: 3_000 }), fc.constantFrom<"L" | "M">("L", "M"))
    .map(([depth, kind]) => `{"TableName":"fuzz","Item":{"pk":{"S":"deep"},"v":${nested(depth, kind)}}}`),
  fc.json({ maxDepth: 3 }),
);

// ---- tests ---------------------------------------------------------------------------------------

describe("the DynamoDB endpoint under malformed input", () => {
  it(`answers ${FUZZ_RUNS} malformed requests with DynamoDB-shaped answers and keeps serving`, async () => {
    // Anything dynalite still threw on would get a 500 InternalServerError, never a hang; none is left:
    // nested nulls (seed 1 found them at 3,000 runs) are refused before dynalite or, under AWS member
    // names, explained when it throws. Seeds 1-3, 7 and 11 at 3,000 runs and the default seed find no 500.
    const internal: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ACTIONS), body, async (action, text) => {
        const answer = await dynamo(action, text);
        if (answer.status === 500 && JSON.parse(answer.body).__type === DYNAMODB_INTERNAL) {
          internal.push(`${action} ${text.slice(0, 200)}`);
          return;
        }
        const problem = dynamoShapeProblem(answer);
        if (problem !== undefined) throw new Error(`${action} ${text.slice(0, 200)}: ${problem}`);
      }),
      { numRuns: FUZZ_RUNS, seed: Number(process.env.DYNAMODB_FUZZ_SEED ?? 20_260_601) },
    );
    expect(internal).toEqual([]);
    expect(internalErrors.length).toBe(internal.length);
    expect(pendingDynaliteRequests()).toBe(0);
  });

  it("refuses an item with a ValidationException when it nests far deeper than DynamoDB's 32 levels", async () => {
    for (const kind of ["L", "M"] as const) {
      const answer = await dynamo(
        "PutItem",
        `{"TableName":"fuzz","Item":{"pk":{"S":"deep"},"v":${nested(5_000, kind)}}}`,
      );
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({
        __type: "com.amazon.coral.validate#ValidationException",
        message: expect.stringMatching(/^Nesting Levels have exceeded supported limits/),
      });
    }
  });

  it.each(["L", "M"] as const)(
    "stores an attribute wrapped in 31 %s levels and refuses 32, as AWS does",
    async (kind) => {
      const key = (wraps: number) => `{"pk":{"S":"wraps-${kind}-${wraps}"}}`;
      const put = (wraps: number) =>
        dynamo(
          "PutItem",
          `{"TableName":"fuzz","Item":{"pk":{"S":"wraps-${kind}-${wraps}"},"v":${nested(wraps, kind)}}}`,
        );

      expect((await put(31)).status).toBe(200);
      const refused = await put(32);
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.body)).toEqual({
        __type: "com.amazon.coral.validate#ValidationException",
        message: expect.stringMatching(/^Nesting Levels have exceeded supported limits/),
      });
      expect(JSON.parse((await dynamo("GetItem", `{"TableName":"fuzz","Key":${key(31)}}`)).body).Item).toBeDefined();
      expect(JSON.parse((await dynamo("GetItem", `{"TableName":"fuzz","Key":${key(32)}}`)).body).Item).toBeUndefined();
    },
  );

  it("applies the nesting limit to UpdateItem's AttributeUpdates and BatchWriteItem's items, not to expression values", async () => {
    const deep = nested(32, "M");
    const update = await dynamo(
      "UpdateItem",
      `{"TableName":"fuzz","Key":{"pk":{"S":"au"}},"AttributeUpdates":{"v":{"Action":"PUT","Value":${deep}}}}`,
    );
    expect(update.status).toBe(400);
    const batch = await dynamo(
      "BatchWriteItem",
      `{"RequestItems":{"fuzz":[{"PutRequest":{"Item":{"pk":{"S":"bw"},"v":${deep}}}}]}}`,
    );
    expect(batch.status).toBe(400);
    // Most regions take an expression value this deep (some refuse it); the emulator takes it.
    const query = await dynamo(
      "Query",
      `{"TableName":"fuzz","KeyConditionExpression":"pk = :pk","FilterExpression":"v = :v","ExpressionAttributeValues":{":pk":{"S":"none"},":v":${deep}}}`,
    );
    expect(query.status).toBe(200);
  });

  it.each([
    ["BatchGetItem", '{"RequestItems":{"fuzz":null}}', "requestItems.fuzz"],
    ["BatchGetItem", '{"RequestItems":{"fuzz":{"Keys":[null]}}}', "requestItems.fuzz.Keys.1.member"],
    ["GetItem", '{"TableName":"fuzz","Key":{"pk":null}}', "key.pk"],
    ["PutItem", '{"TableName":"fuzz","Item":{"pk":{"S":"n"},"x":{"L":[{"S":"a"},null]}}}', "item.x.L.2.member"],
    ["PutItem", '{"TableName":"fuzz","Item":{"pk":{"S":"n"},"x":{"M":{"y":null}}}}', "item.x.M.y"],
    ["BatchWriteItem", '{"RequestItems":{"fuzz":[null]}}', "requestItems.fuzz.1.member"],
    [
      "Query",
      '{"TableName":"fuzz","KeyConditionExpression":"pk = :v","ExpressionAttributeValues":{":v":null}}',
      "expressionAttributeValues.:v",
    ],
    ["UpdateItem", '{"TableName":"fuzz","Key":{"pk":{"S":"n"}},"AttributeUpdates":{"x":null}}', "attributeUpdates.x"],
    ["Scan", '{"TableName":"fuzz","ExclusiveStartKey":{"pk":null}}', "exclusiveStartKey.pk"],
    // dynalite threw on this one in a callback, where the throw takes a host without a handler down.
    [
      "TagResource",
      '{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/fuzz","Tags":[null]}',
      "tags.1.member",
    ],
    // dynalite answered this one 200; AWS refuses a null list entry.
    ["GetItem", '{"TableName":"fuzz","Key":{"pk":{"S":"n"}},"AttributesToGet":[null]}', "attributesToGet.1.member"],
    // An attribute named like an AWS member: left to dynalite, whose throw is explained.
    ["PutItem", '{"TableName":"fuzz","Item":{"pk":{"S":"n"},"Value":null}}', "item.Value"],
  ])(
    "refuses %s with a ValidationException naming the member when %s has a nested null",
    async (action, body, path) => {
      // dynalite's validation read properties of these nulls and threw (a 500 that SDKs retry); AWS refuses
      // null attribute values with a ValidationException.
      const answer = await dynamo(action, body);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({
        __type: "com.amazon.coral.validate#ValidationException",
        message: `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`,
      });
    },
  );

  it("accepts a null optional member when dynalite drops it, as a missing member", async () => {
    const accepted = [
      ["PutItem", '{"TableName":"fuzz","Item":{"pk":{"S":"opt"}},"Expected":{"x":{"Exists":false,"Value":null}}}'],
      [
        "UpdateItem",
        '{"TableName":"fuzz","Key":{"pk":{"S":"opt"}},"AttributeUpdates":{"a":{"Action":"DELETE","Value":null}}}',
      ],
      ["GetItem", '{"TableName":"fuzz","Key":{"pk":{"S":"opt"}},"ProjectionExpression":null}'],
    ];
    for (const [action, body] of accepted) expect((await dynamo(action ?? "", body ?? "")).status).toBe(200);
  });

  it("names the null that crashed dynalite when the body also has a harmless one", async () => {
    const answer = await dynamo(
      "PutItem",
      '{"TableName":"fuzz","Item":{"pk":{"S":"n"},"x":{"L":[null]}},"Expected":{"y":{"Exists":false,"Value":null}}}',
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).message).toContain("Value null at 'item.x.L.1.member'");
  });

  it('leaves a top-level null member and the string "null" in data to dynalite\'s own answers', async () => {
    const topLevel = await dynamo("GetItem", '{"TableName":"fuzz","Key":null}');
    expect(JSON.parse(topLevel.body).message).toBe(
      "1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null",
    );
    const text = await dynamo("GetItem", '{"TableName":"fuzz","Key":{"pk":{"S":"null"}}}');
    expect(text.status).toBe(200);
  });

  it("answers a SerializationException when the body is a JSON null", async () => {
    // The fuzzer's find: dynalite's type check read properties of null, threw from its `end` callback, and
    // the request was never answered (the host saw an uncaught TypeError).
    for (const action of ["ListTables", "GetItem"]) {
      const answer = await dynamo(action, " null ");
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).__type).toBe("com.amazon.coral.service#SerializationException");
    }
  });

  it("keeps the control item intact when the fuzzing is over", async () => {
    const answer = await dynamo("GetItem", JSON.stringify({ TableName: "fuzz", Key: { pk: { S: "control" } } }));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ Item: CONTROL_ITEM });
  });
});

describe("the DynamoDB endpoint's size limits", () => {
  it("passes a body over the SQS cap to dynalite when it is under DynamoDB's 16 MiB", async () => {
    const padded = `{"TableName":"fuzz","Key":{"pk":{"S":"control"}},"ProjectionExpression":"${"a".repeat(5 * 1_048_576)}"}`;
    const answer = await dynamo("GetItem", padded);
    expect(answer.status).not.toBe(413);
    expect(dynamoShapeProblem(answer)).toBeUndefined();
  });

  it("answers a DynamoDB-shaped 413 when the body is over 16 MiB", async () => {
    const answer = await dynamo("BatchWriteItem", Buffer.alloc(16 * 1_048_576 + 1, " "));
    expect(answer.status).toBe(413);
    expect(dynamoShapeProblem(answer)).toBeUndefined();
    expect(JSON.parse(answer.body)).toEqual({
      __type: "com.amazon.coral.service#RequestEntityTooLarge",
      message: "Request body is larger than 16777216 bytes.",
    });
  });

  it("answers a DynamoDB-shaped 431 when the headers are over Node's 16 KiB", async () => {
    const answer = await dynamo("ListTables", "{}", { "x-junk": "a".repeat(20_000) });
    expect(answer.status).toBe(431);
    expect(answer.headers.connection).toBe("close");
    expect(JSON.parse(answer.body).__type).toBe("com.amazon.coral.service#RequestHeaderSectionTooLarge");
  });
});

describe("the endpoint's answer to oversized headers", () => {
  it("answers AWS JSON when the request names an X-Amz-Target", async () => {
    const answer = await send(
      {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "AmazonSQS.ListQueues",
        "x-junk": "a".repeat(20_000),
      },
      "{}",
    );
    expect(answer.status).toBe(431);
    expect(answer.headers["x-amzn-query-error"]).toBe("RequestHeaderSectionTooLarge;Sender");
    expect(JSON.parse(answer.body).__type).toBe("com.amazonaws.sqs#RequestHeaderSectionTooLarge");
  });

  it("answers a Query XML ErrorResponse when nothing names the protocol", async () => {
    const answer = await send(
      { "content-type": "application/x-www-form-urlencoded", "x-junk": "a".repeat(20_000) },
      "Action=ListQueues",
    );
    expect(answer.status).toBe(431);
    expect(answer.headers["content-type"]).toBe("text/xml");
    expect(answer.body).toContain("<Code>RequestHeaderSectionTooLarge</Code>");
    expect(answer.body).toContain("<Type>Sender</Type>");
  });
});
