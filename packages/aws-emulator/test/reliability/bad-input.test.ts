/**
 * Bad input: a property-based fuzzer (fast-check) sends malformed requests to an emulator in a child process —
 * wrong types for every member of every SQS action (from botocore's service model), random JSON, form and XML
 * bodies, wrong content types, invalid UTF-8, huge headers, oversize bodies — and checks that each gets an
 * AWS-shaped error in its protocol, the server never fails (no 5xx) or hangs, and a control queue is intact.
 * Sizes: 10,000 requests (more with `RELIABILITY_SCALE` > 1).
 */

import { readFileSync } from "node:fs";
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import fc from "fast-check";
import { parseXml } from "probity-aws-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChildEmulator, scaled, sqsClient, startChildEmulator } from "./support/child-emulator.js";
import {
  errorCode,
  errorShapeProblem,
  fuzzAgent,
  type RawAnswer,
  type RawRequest,
  sendRaw,
} from "./support/raw-http.js";

interface Operation {
  required: string[];
  members: Record<string, string>;
}
const OPERATIONS = (
  JSON.parse(readFileSync(new URL("./support/sqs-operations.json", import.meta.url), "utf8")) as {
    operations: Record<string, Operation>;
  }
).operations;
const ACTIONS = Object.keys(OPERATIONS);
// The issue asks for at least 10,000: cheap enough (about 20 s) to run at every scale.
const REQUESTS = scaled(10_000, 10_000);
const MAX_BODY = 1_100_000;
const ANSWER_BOUND_MS = 30_000;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<SendMessageRequest><QueueUrl>/000000000000/fuzz</QueueUrl><MessageBody>&lol9;</MessageBody></SendMessageRequest>`;

let server: ChildEmulator;
let admin: SQSClient;
let controlUrl: string;
const CONTROL_BODIES = Array.from({ length: 20 }, (_, i) => `control-${i}-<&>"'\r\n`);

beforeAll(async () => {
  server = await startChildEmulator({ maxBodyBytes: MAX_BODY });
  admin = sqsClient(server.endpoint);
  controlUrl = (await admin.send(new CreateQueueCommand({ QueueName: "control" }))).QueueUrl as string;
  await admin.send(new CreateQueueCommand({ QueueName: "fuzz" }));
  for (let i = 0; i < CONTROL_BODIES.length; i += 10) {
    const result = await admin.send(
      new SendMessageBatchCommand({
        QueueUrl: controlUrl,
        Entries: CONTROL_BODIES.slice(i, i + 10).map((body, n) => ({
          Id: `c${i + n}`,
          MessageBody: body,
          MessageAttributes: { n: { DataType: "Number", StringValue: String(i + n) } },
        })),
      }),
    );
    expect(result.Failed ?? []).toEqual([]);
  }
});

afterAll(async () => {
  admin?.destroy();
  await server?.terminate();
});

// ---- arbitraries ---------------------------------------------------------------------------------

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), "utf8");
const jsonHeaders = (action: string): Record<string, string> => ({
  "content-type": "application/x-amz-json-1.0",
  "x-amz-target": `AmazonSQS.${action}`,
});
const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** A value of the member's own type (the other members of a request), kept harmless (no long waits). */
function validValue(type: string, member: string): fc.Arbitrary<unknown> {
  if (member === "QueueUrl")
    return fc.constantFrom("http://127.0.0.1:1/000000000000/fuzz", "/000000000000/fuzz", "/000000000000/missing");
  switch (type) {
    case "integer":
      return fc.integer({ min: 0, max: 2 });
    case "boolean":
      return fc.boolean();
    case "list":
      return fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 });
    case "map":
      return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 });
    default:
      return fc.string({ maxLength: 20 });
  }
}

/** A JSON value of any type but the member's. */
function wrongValue(type: string): fc.Arbitrary<unknown> {
  const byType: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.boolean()),
    integer: fc.oneof(fc.string(), fc.double({ noNaN: true, noInteger: true }), fc.boolean(), fc.constant("5")),
    boolean: fc.oneof(fc.string(), fc.integer()),
    list: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.object({ maxDepth: 1 })),
    map: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.string(), { minLength: 1 })),
    structure: fc.oneof(fc.string(), fc.integer(), fc.array(fc.anything())),
  };
  const nested = fc.oneof(fc.array(fc.anything({ maxDepth: 2 }), { minLength: 1 }), fc.object({ maxDepth: 2 }));
  return type === "list" || type === "map"
    ? (byType[type] as fc.Arbitrary<unknown>)
    : fc.oneof(byType[type] ?? fc.string(), nested);
}

/** Fills every member of `action` with a valid value, then one (chosen) member with a wrong one. */
function wrongTypeInput(
  action: string,
): fc.Arbitrary<{ action: string; member: string; input: Record<string, unknown> }> {
  const operation = OPERATIONS[action] as Operation;
  const members = Object.keys(operation.members);
  const valid = fc.record(Object.fromEntries(members.map((m) => [m, validValue(operation.members[m] as string, m)])));
  return fc.tuple(fc.constantFrom(...members), valid).chain(([member, input]) =>
    wrongValue(operation.members[member] as string).map((wrong) => ({
      action,
      member,
      input: { ...input, [member]: wrong },
    })),
  );
}

type Case = { kind: string; strict: boolean; request: RawRequest; note?: string };

const actionsWithMembers = ACTIONS.filter((action) => Object.keys(OPERATIONS[action]?.members ?? {}).length > 0);

const wrongTypeJson: fc.Arbitrary<Case> = fc
  .constantFrom(...actionsWithMembers)
  .chain(wrongTypeInput)
  .map(({ action, member, input }) => ({
    kind: "json-wrong-type",
    strict: true,
    note: `${action}.${member}`,
    request: { method: "POST", path: "/", headers: jsonHeaders(action), body: json(input) },
  }));

const wrongTypeQuery: fc.Arbitrary<Case> = fc.constantFrom(...actionsWithMembers).chain((action) => {
  const operation = OPERATIONS[action] as Operation;
  return fc.constantFrom(...Object.keys(operation.members)).chain((member) => {
    const type = operation.members[member] as string;
    // Query carries strings only: a scalar member becomes a structure, a list/map a bare scalar, an integer junk text.
    const wrong: fc.Arbitrary<Array<[string, string]>> =
      type === "list" || type === "map"
        ? fc.string({ maxLength: 10 }).map((value) => [[member, value]])
        : type === "integer"
          ? fc
              .oneof(
                fc.constantFrom("abc", "1.5", "", " ", "1e3", "0x10", "99999999999999999999"),
                fc.string({ minLength: 1 }),
              )
              .filter((value) => !/^\s*-?\d{1,9}\s*$/.test(value))
              .map((value) => [[member, value]])
          : fc.string({ maxLength: 10 }).map((value) => [[`${member}.1`, value]]);
    return wrong.map((pairs) => {
      const params = new URLSearchParams({ Action: action, Version: "2012-11-05" });
      if (member !== "QueueUrl") params.set("QueueUrl", "/000000000000/fuzz");
      for (const [key, value] of pairs) params.append(key, value);
      return {
        kind: "query-wrong-type",
        strict: true,
        note: `${action}.${member}`,
        request: { method: "POST", path: "/", headers: FORM, body: Buffer.from(params.toString()) },
      };
    });
  });
});

const randomJson: fc.Arbitrary<Case> = fc
  .tuple(
    fc.oneof(fc.constantFrom(...ACTIONS), fc.string()),
    fc.oneof(fc.json(), fc.string(), fc.string({ unit: "binary" })),
  )
  .map(([action, body]) => ({
    kind: "json-random",
    strict: false,
    request: {
      method: "POST",
      path: "/",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": `AmazonSQS.${action}`.replace(/[^\x21-\x7e]/g, ""),
      },
      body: Buffer.from(body, "utf8"),
    },
  }));

const formKey = fc.oneof(
  fc.constantFrom(
    "Action",
    "QueueUrl",
    "QueueName",
    "Attribute.1.Name",
    "Attribute.1.Value",
    "MessageBody",
    "__proto__",
    "constructor.prototype.x",
    "Tag.1.Key",
    "AttributeName.1",
    "SendMessageBatchRequestEntry.1.Id",
  ),
  fc.string({ maxLength: 20 }),
  fc
    .array(fc.oneof(fc.string({ maxLength: 6 }), fc.nat(20).map(String)), { minLength: 1, maxLength: 5 })
    .map((parts) => parts.join(".")),
);
const randomForm: fc.Arbitrary<Case> = fc
  .tuple(
    fc.oneof(fc.constantFrom(...ACTIONS), fc.string()),
    fc.array(fc.tuple(formKey, fc.string({ maxLength: 30 })), { maxLength: 12 }),
    fc.boolean(),
  )
  .map(([action, pairs, viaGet]) => {
    const params = new URLSearchParams({ Action: action });
    for (const [key, value] of pairs) params.append(key, value);
    // A random pair may spell a ReceiveMessage with a wait: keep the fuzzer from waiting 20 s.
    params.delete("WaitTimeSeconds");
    return {
      kind: "form-random",
      strict: false,
      request: viaGet
        ? { method: "GET", path: `/?${params}`, headers: {}, body: Buffer.alloc(0) }
        : { method: "POST", path: "/", headers: FORM, body: Buffer.from(params.toString()) },
    };
  });

const xmlBody = fc.oneof(
  fc.constant(BILLION_LAUGHS),
  fc.string().map((text) => `<?xml version="1.0"?><SendMessage><QueueUrl>${text}</QueueUrl></SendMessage>`),
  fc.string().map((text) => `<${text}>`),
);
const randomXml: fc.Arbitrary<Case> = fc
  .tuple(xmlBody, fc.constantFrom("text/xml", "application/xml", "application/soap+xml"))
  .map(([body, type]) => ({
    kind: "xml",
    strict: true,
    request: { method: "POST", path: "/", headers: { "content-type": type }, body: Buffer.from(body, "utf8") },
  }));

const wrongContentType: fc.Arbitrary<Case> = fc
  .tuple(
    fc.constantFrom(
      "text/plain",
      "application/json",
      "multipart/form-data; boundary=x",
      "application/octet-stream",
      "image/png",
      ";;;",
    ),
    fc.oneof(fc.json(), fc.string()),
  )
  .map(([type, body]) => ({
    kind: "content-type",
    strict: true,
    request: { method: "POST", path: "/", headers: { "content-type": type }, body: Buffer.from(body, "utf8") },
  }));

const invalidUtf8: fc.Arbitrary<Case> = fc
  .tuple(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.boolean(), fc.constantFrom(...ACTIONS))
  .map(([bytes, asJson, action]) => {
    // 0xff never appears in UTF-8: make sure every body is invalid.
    const body = Buffer.concat([
      Buffer.from(asJson ? '{"QueueUrl":"' : `Action=${action}&QueueUrl=`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(bytes),
    ]);
    return {
      kind: "invalid-utf8",
      strict: false,
      request: { method: "POST", path: "/", headers: asJson ? jsonHeaders(action) : FORM, body },
    };
  });

const hugeHeader: fc.Arbitrary<Case> = fc
  .tuple(fc.integer({ min: 20_000, max: 200_000 }), fc.boolean())
  .map(([size, asJson]) => ({
    kind: "huge-header",
    strict: true,
    request: {
      method: "POST",
      path: "/",
      headers: { ...(asJson ? jsonHeaders("ListQueues") : FORM), "x-junk": "a".repeat(size) },
      body: asJson ? json({}) : Buffer.from("Action=ListQueues"),
    },
  }));

const oversize: fc.Arbitrary<Case> = fc
  .tuple(fc.integer({ min: MAX_BODY + 1, max: MAX_BODY + 200_000 }), fc.boolean())
  .map(([size, asJson]) => ({
    kind: "oversize",
    strict: true,
    request: {
      method: "POST",
      path: "/",
      headers: asJson ? jsonHeaders("SendMessage") : FORM,
      body: Buffer.alloc(size, asJson ? " " : "a"),
    },
  }));

/** A short printable form for counterexamples (huge bodies and headers would flood the report). */
function printable(item: Case): Case {
  const headers = Object.entries(item.request.headers).map(
    ([name, value]) => `${name}: ${value.slice(0, 60)}${value.length > 60 ? `… (${value.length})` : ""}`,
  );
  const body = item.request.body.subarray(0, 300).toString("latin1");
  const text = `${item.kind} ${item.note ?? ""} ${item.request.method} ${item.request.path.slice(0, 200)} [${headers.join("; ")}] body(${item.request.body.length}): ${JSON.stringify(body)}`;
  return Object.assign(item, { [fc.toStringMethod]: () => text });
}

const anyCase: fc.Arbitrary<Case> = fc
  .oneof(
    { arbitrary: wrongTypeJson, weight: 30 },
    { arbitrary: wrongTypeQuery, weight: 20 },
    { arbitrary: randomJson, weight: 12 },
    { arbitrary: randomForm, weight: 15 },
    { arbitrary: randomXml, weight: 6 },
    { arbitrary: wrongContentType, weight: 6 },
    { arbitrary: invalidUtf8, weight: 8 },
    { arbitrary: hugeHeader, weight: 2 },
    { arbitrary: oversize, weight: 1 },
  )
  .map(printable);

// ---- checks --------------------------------------------------------------------------------------

/** Undefined when the answer is acceptable for the case, else what is wrong. */
function problemOf(item: Case, answer: RawAnswer): string | undefined {
  if (answer.status >= 500) return `server error ${answer.status}: ${answer.body.slice(0, 200)}`;
  if (item.kind === "huge-header")
    return answer.status === 431 ? errorShapeProblem(item.request, answer) : `status ${answer.status}, expected 431`;
  if (item.kind === "oversize" && answer.status !== 413) return `status ${answer.status}, expected 413`;
  if (!item.strict && answer.status === 200) return undefined;
  return errorShapeProblem(item.request, answer);
}

describe("malformed requests", () => {
  it(`answers ${REQUESTS} malformed requests with AWS-shaped errors and keeps serving`, async () => {
    const agent = fuzzAgent();
    const counts = new Map<string, number>();
    const codes = new Map<string, number>();
    const accepted = new Map<string, number>();
    let sent = 0;
    const started = performance.now();
    try {
      await fc.assert(
        fc.asyncProperty(anyCase, async (item) => {
          sent++;
          counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
          let answer: RawAnswer;
          try {
            answer = await sendRaw(server.endpoint, item.request, agent, ANSWER_BOUND_MS);
          } catch (error) {
            // node answers 431 and closes while the client may still be writing the headers: a reset is a refusal too.
            const code = (error as NodeJS.ErrnoException).code;
            if (item.kind === "huge-header" && (code === "ECONNRESET" || code === "EPIPE")) {
              codes.set(`reset ${code}`, (codes.get(`reset ${code}`) ?? 0) + 1);
              return;
            }
            throw error;
          }
          const problem = problemOf(item, answer);
          if (problem !== undefined) throw new Error(`${item.kind} ${item.note ?? ""}: ${problem}`);
          if (answer.status === 200) accepted.set(item.kind, (accepted.get(item.kind) ?? 0) + 1);
          else {
            const code = `${answer.status} ${errorCode(item.request, answer) ?? "-"}`;
            codes.set(code, (codes.get(code) ?? 0) + 1);
          }
        }),
        { numRuns: REQUESTS, seed: Number(process.env.RELIABILITY_SEED ?? 20_240_601), endOnFailure: true },
      );
    } finally {
      agent.destroy();
    }
    const elapsed = Math.round(performance.now() - started);
    console.info(
      `[reliability] fuzz: ${sent} requests in ${elapsed} ms; by kind ${JSON.stringify(Object.fromEntries(counts))}`,
    );
    console.info(`[reliability] fuzz: accepted (200) ${JSON.stringify(Object.fromEntries(accepted))}`);
    console.info(
      `[reliability] fuzz: errors ${JSON.stringify(Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])))}`,
    );
    expect(sent).toBeGreaterThanOrEqual(REQUESTS);
    expect(server.process.exitCode).toBeNull();
    expect(server.stderr()).not.toMatch(/Error/);
  });

  it("rejects a billion-laughs XML body at once when sent with any content type", async () => {
    const agent = fuzzAgent();
    try {
      for (const type of [
        "text/xml",
        "application/xml",
        "application/x-www-form-urlencoded",
        "application/x-amz-json-1.0",
      ]) {
        const request: RawRequest = {
          method: "POST",
          path: "/",
          headers: {
            "content-type": type,
            ...(type.includes("json") ? { "x-amz-target": "AmazonSQS.SendMessage" } : {}),
          },
          body: Buffer.from(BILLION_LAUGHS),
        };
        const answer = await sendRaw(server.endpoint, request, agent, ANSWER_BOUND_MS);
        expect(answer.status).toBe(400);
        expect(errorShapeProblem(request, answer)).toBeUndefined();
      }
    } finally {
      agent.destroy();
    }
    const stats = await server.stats();
    expect(stats.heapUsed).toBeLessThan(512 * 1_048_576);
  });

  it("does not expand entities when the XML reader parses a billion-laughs document", () => {
    const parsed = parseXml(BILLION_LAUGHS) as { SendMessageRequest: { MessageBody: string } };
    expect(parsed.SendMessageRequest.MessageBody.length).toBeLessThan(100);
  });

  it("keeps the control queue's messages intact after the fuzzing", async () => {
    const bodies: string[] = [];
    for (let i = 0; i < 10 && bodies.length < CONTROL_BODIES.length; i++) {
      const { Messages = [] } = await admin.send(
        new ReceiveMessageCommand({
          QueueUrl: controlUrl,
          MaxNumberOfMessages: 10,
          MessageAttributeNames: ["All"],
          VisibilityTimeout: 600,
        }),
      );
      for (const message of Messages) {
        bodies.push(message.Body as string);
        expect(message.MessageAttributes?.n?.StringValue).toBe(String(CONTROL_BODIES.indexOf(message.Body as string)));
      }
    }
    expect(bodies.sort()).toEqual([...CONTROL_BODIES].sort());
  });
});
