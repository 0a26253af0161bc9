import { describe, expect, it } from "vitest";
import { pythonSkipReason, runPython, TOMODACHI_BUILD_SCRIPT } from "../../test/python.js";
import { PayloadDecodeError } from "../errors.js";
import { PythonFloat, pythonFloat, pythonJsonDumps } from "../python-json.js";
import { createJsonBase, JSON_BASE_COMPRESSION_THRESHOLD, jsonBase } from "./json-base.js";

const withPython = it.skipIf(pythonSkipReason !== undefined);

interface Fixture {
  service: { name: string | null; uuid: string | null } | null;
  topic: string;
  uuid4: string;
  timestamp: number;
  data: unknown;
}

/** Bodies built by tomodachi's algorithm in Python, one per fixture. */
function pythonBuild(fixtures: Fixture[]): string[] {
  const lines = fixtures.map((fixture) =>
    JSON.stringify({
      service: fixture.service,
      topic: fixture.topic,
      uuid4: fixture.uuid4,
      timestamp: String(fixture.timestamp),
      data_json: pythonJsonDumps(fixture.data),
    }),
  );
  return JSON.parse(runPython(TOMODACHI_BUILD_SCRIPT, lines.join("\n"))) as string[];
}

function ourBuild(fixture: Fixture, compress?: (json: Uint8Array) => Uint8Array): string {
  const envelope = createJsonBase({
    ...(fixture.service === null ? {} : { service: fixture.service }),
    uuid: () => fixture.uuid4,
    now: () => fixture.timestamp,
    ...(compress === undefined ? {} : { compress }),
  });
  return envelope.build(fixture.data, { topic: fixture.topic });
}

const SERVICE = { name: "order", uuid: "2f1b6a43-93f6-4a5e-8d29-9d2a2f4c1b10" };
const UUID4 = "6c403295-2755-4178-a4f1-e3b698927971";

const bigOrders = Array.from({ length: 900 }, (_, index) => ({
  order_id: `order-${index}`,
  customer: "Zoë Ñandú 😀",
  total: index / 7,
  lines: [{ sku: `sku-${index % 13}`, qty: index % 5 }],
}));

const FIXTURES: Fixture[] = [
  { service: null, topic: "order--created", uuid4: UUID4, timestamp: 1700000000.123456, data: { order_id: "o-1" } },
  { service: SERVICE, topic: "customer--created", uuid4: UUID4, timestamp: 1700000000, data: { name: "Zoë 😀" } },
  {
    service: { name: "svc", uuid: null },
    topic: "",
    uuid4: UUID4,
    timestamp: 1.5e9 + 0.000001,
    data: { nested: { list: [1, 2.5, null, true, { deep: ["\u0000", "\u2028", "\ud83d"] }] }, price: pythonFloat(10) },
  },
  {
    service: SERVICE,
    topic: "t",
    uuid4: UUID4,
    timestamp: 1714000000.25,
    data: [1e-7, 1e16, -0.0, 12345678901234567890n],
  },
  { service: SERVICE, topic: "t", uuid4: UUID4, timestamp: 1714000000.25, data: "plain string data" },
  { service: SERVICE, topic: "t", uuid4: UUID4, timestamp: 1714000000.25, data: null },
];

const THRESHOLD_FIXTURES: Fixture[] = [
  // JSON lengths 59999 (raw), 60000 (compressed), 60002 from 10000 "é" escaped as \u00e9 (compressed).
  { service: SERVICE, topic: "big", uuid4: UUID4, timestamp: 1714000000.5, data: "x".repeat(59_997) },
  { service: SERVICE, topic: "big", uuid4: UUID4, timestamp: 1714000000.5, data: "x".repeat(59_998) },
  { service: SERVICE, topic: "big", uuid4: UUID4, timestamp: 1714000000.5, data: "é".repeat(10_000) },
  { service: null, topic: "big", uuid4: UUID4, timestamp: 1714000000.5, data: { orders: bigOrders } },
];

/** The body with its `data` member replaced, and the decompressed data JSON, for comparing compressed bodies. */
function splitCompressed(body: string): { envelope: string; dataJson: string } {
  const parsed = JSON.parse(body) as { data: string };
  const dataJson = runPython(
    "import base64,sys,zlib\nsys.stdout.write(zlib.decompress(base64.b64decode(sys.stdin.read())).decode())",
    parsed.data,
  );
  return { envelope: body.replace(`"data": "${parsed.data}"}`, '"data": <compressed>}'), dataJson };
}

/** What parsing yields for a value: bigints become numbers, PythonFloats their value (and -0 stays -0). */
function asParsed(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof PythonFloat) return value.value;
  if (Array.isArray(value)) return value.map(asParsed);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asParsed(item)]));
  }
  return value;
}

describe("jsonBase", () => {
  withPython("builds the same bytes as tomodachi when data is below the threshold", () => {
    const expected = pythonBuild(FIXTURES);
    expect(FIXTURES.map((fixture) => ourBuild(fixture))).toEqual(expected);
  });

  withPython("parses tomodachi-built bodies when data is below the threshold", () => {
    const bodies = pythonBuild(FIXTURES);
    FIXTURES.forEach((fixture, index) => {
      const { payload, metadata } = jsonBase.parse(bodies[index] ?? "");
      expect(payload).toEqual(asParsed(fixture.data));
      expect(metadata).toEqual({
        service: fixture.service ?? { name: null, uuid: null },
        messageUuid: `${fixture.service === null ? "" : (fixture.service.uuid ?? "None")}.${UUID4}`,
        protocolVersion: "tomodachi-json-base--1.0.0",
        timestamp: fixture.timestamp,
        topic: fixture.topic,
        dataEncoding: "raw",
      });
    });
  });

  withPython("matches tomodachi outside the compressed data when the data JSON reaches 60000 characters", () => {
    const expected = pythonBuild(THRESHOLD_FIXTURES);
    const ours = THRESHOLD_FIXTURES.map((fixture) => ourBuild(fixture));
    expect(ours[0]).toBe(expected[0]);
    expect(ours[0]).toContain('"data_encoding": "raw"');
    for (const index of [1, 2, 3]) {
      const mine = splitCompressed(ours[index] ?? "");
      const theirs = splitCompressed(expected[index] ?? "");
      expect(mine.envelope).toContain('"data_encoding": "base64_gzip_json"');
      expect(mine).toEqual(theirs);
    }
  });

  withPython("builds identical bytes when given Python's deflate and data over the threshold", () => {
    const fixture = THRESHOLD_FIXTURES[3] as Fixture;
    const pythonDeflate = (json: Uint8Array): Uint8Array =>
      Buffer.from(
        runPython(
          "import base64,sys,zlib\nsys.stdout.write(base64.b64encode(zlib.compress(sys.stdin.buffer.read())).decode())",
          Buffer.from(json).toString("latin1"),
        ),
        "base64",
      );
    expect(ourBuild(fixture, pythonDeflate)).toBe(pythonBuild([fixture])[0]);
  });

  withPython("parses tomodachi-built bodies when data is compressed", () => {
    const bodies = pythonBuild(THRESHOLD_FIXTURES);
    THRESHOLD_FIXTURES.forEach((fixture, index) => {
      const { payload, metadata } = jsonBase.parse(bodies[index] ?? "");
      expect(payload).toEqual(fixture.data);
      expect(metadata.dataEncoding).toBe(index === 0 ? "raw" : "base64_gzip_json");
    });
  });

  it("round-trips through its own parse when data is compressed", () => {
    const body = jsonBase.build({ orders: bigOrders }, { topic: "big" });
    expect(body.length).toBeLessThan(JSON_BASE_COMPRESSION_THRESHOLD);
    expect(jsonBase.parse(body).payload).toEqual({ orders: bigOrders });
  });

  it("uses the context's service, message uuid and timestamp when given per message", () => {
    const body = jsonBase.build(1, { topic: "t", service: SERVICE, messageUuid: "m-1", timestamp: 2 });
    expect(body).toBe(
      '{"service": {"name": "order", "uuid": "2f1b6a43-93f6-4a5e-8d29-9d2a2f4c1b10"}, "metadata": {"message_uuid": "m-1", ' +
        '"protocol_version": "tomodachi-json-base--1.0.0", "compatible_protocol_versions": ["json_base-wip"], ' +
        '"timestamp": 2.0, "topic": "t", "data_encoding": "raw"}, "data": 1}',
    );
  });

  it("generates a fresh uuid4 and a current timestamp when options are defaults", () => {
    const before = Date.now() / 1000;
    const first = jsonBase.parse(jsonBase.build({})).metadata;
    const second = jsonBase.parse(jsonBase.build({})).metadata;
    expect(first.messageUuid).toMatch(/^\.[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.messageUuid).not.toBe(second.messageUuid);
    expect(first.timestamp).toBeGreaterThanOrEqual(before);
    expect(first.topic).toBe("");
  });

  it("throws a TypeError when data has no JSON form", () => {
    expect(() => jsonBase.build(undefined)).toThrow(TypeError);
  });

  it("throws a TypeError naming the option when an option has the wrong type", () => {
    expect(() => createJsonBase({ uuid: "x" as unknown as () => string })).toThrow(/option "uuid" must be a function/);
    expect(() => createJsonBase({ service: 5 as unknown as { name: string } })).toThrow(/option "service"/);
  });

  it.each([
    ["not JSON", "hello", "not-json", /Unexpected token|not valid JSON/],
    ["an array", "[1]", "wrong-envelope", /expected a JSON object, got an array/],
    ["raw JSON", '{"order_id": "o-1"}', "wrong-envelope", /keys: "order_id"/],
    ["an unknown encoding", '{"metadata": {"data_encoding": "zip"}, "data": 1}', "wrong-envelope", /"zip"/],
    [
      "corrupt compressed data",
      '{"metadata": {"data_encoding": "base64_gzip_json"}, "data": "bm90IHpsaWI="}',
      "wrong-envelope",
      /cannot decompress/,
    ],
  ])("throws PayloadDecodeError when the body is %s", (_label, body, reason, detail) => {
    let caught: unknown;
    try {
      jsonBase.parse(body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PayloadDecodeError);
    expect(caught).toMatchObject({ reason, envelope: "jsonBase", body, detail: expect.stringMatching(detail) });
  });
});
