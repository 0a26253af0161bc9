/**
 * @module envelopes/json-base
 * tomodachi's `JsonBase` envelope (tomodachi/envelope/json_base.py), byte for byte:
 *
 * ```text
 * {"service": {"name": …, "uuid": …}, "metadata": {"message_uuid": "<service uuid>.<uuid4>",
 *  "protocol_version": "tomodachi-json-base--1.0.0", "compatible_protocol_versions": ["json_base-wip"],
 *  "timestamp": <float seconds>, "topic": <topic>, "data_encoding": "raw"}, "data": <data>}
 * ```
 *
 * written with Python's `json.dumps` defaults (see {@link pythonJsonDumps}). When the JSON of `data` is
 * 60000 characters or longer, `data` becomes base64 of the zlib-compressed JSON and `data_encoding` is
 * `base64_gzip_json`. Everything outside `data` is byte-identical to Python's output; the compressed
 * bytes themselves depend on the zlib build (Node's zlib, Python's zlib and zlib-ng each produce
 * different but equally valid streams), so pass `compress` to plug in another deflate if you need
 * those bytes identical too. Decompressed, they are the same JSON.
 */
import { deflateSync, inflateSync } from "node:zlib";
import type { Envelope, EnvelopeContext, EnvelopeParseResult } from "../envelope.js";
import { PayloadDecodeError } from "../errors.js";
import { parsePythonJson, pythonFloat, pythonJsonDumps } from "../python-json.js";

/** `metadata.protocol_version` of every `JsonBase` message. */
export const JSON_BASE_PROTOCOL_VERSION = "tomodachi-json-base--1.0.0";

/** Length of the data's JSON at and above which tomodachi compresses it. */
export const JSON_BASE_COMPRESSION_THRESHOLD = 60_000;

/** The two `metadata.data_encoding` values tomodachi writes. */
export type JsonBaseDataEncoding = "raw" | "base64_gzip_json";

/** The `service` member: who sent the message. */
export interface JsonBaseService {
  name: string | null;
  uuid: string | null;
}

/** What `jsonBase.parse` reports besides the payload (fields missing from the body are `null`). */
export interface JsonBaseMetadata {
  service: JsonBaseService;
  /** `metadata.message_uuid`: `<service uuid>.<uuid4>`. */
  messageUuid: string | null;
  protocolVersion: string | null;
  /** Seconds since the epoch, as a float. */
  timestamp: number | null;
  topic: string | null;
  dataEncoding: JsonBaseDataEncoding;
}

/** Options of {@link createJsonBase}. */
export interface JsonBaseOptions {
  /**
   * The sending service, read the way tomodachi reads `getattr(service, …)`: a missing `name`/`uuid` is
   * written as `null` and leaves the `message_uuid` prefix empty (`".<uuid4>"`, what the Python
   * `SNSSQSTestClient` sends); an explicit `null` uuid is Python's `None` and gives `"None.<uuid4>"`.
   * @default {}
   */
  service?: Partial<JsonBaseService>;
  /** Makes the uuid4 part of `message_uuid`. @default crypto.randomUUID */
  uuid?: () => string;
  /** The current time in seconds since the epoch (tomodachi's `time.time()`). @default () => Date.now() / 1000 */
  now?: () => number;
  /** Deflates (zlib format) the data's UTF-8 JSON for `base64_gzip_json`. @default zlib.deflateSync (level 6, like Python) */
  compress?: (json: Uint8Array) => Uint8Array;
}

/** Per-message overrides accepted by `jsonBase.build`. */
export interface JsonBaseContext extends EnvelopeContext {
  /** Overrides the service for this message. */
  service?: Partial<JsonBaseService>;
  /** Overrides the whole `message_uuid`. */
  messageUuid?: string;
  /** Overrides the timestamp (seconds since the epoch); integral values are still written as floats. */
  timestamp?: number;
}

/** The `jsonBase` envelope's type: synchronous `build`/`parse` with {@link JsonBaseMetadata}. */
export interface JsonBaseEnvelope extends Envelope<unknown, JsonBaseMetadata, unknown> {
  build(data: unknown, context?: JsonBaseContext): string;
  parse(body: string): EnvelopeParseResult<unknown, JsonBaseMetadata>;
}

/** The defaults of {@link JsonBaseOptions}. */
export const DEFAULT_JSON_BASE_OPTIONS: Readonly<Required<JsonBaseOptions>> = Object.freeze({
  service: Object.freeze({}),
  uuid: () => crypto.randomUUID(),
  now: () => Date.now() / 1000,
  compress: (json: Uint8Array) => deflateSync(json),
});

function resolveJsonBaseOptions(options: JsonBaseOptions): Readonly<Required<JsonBaseOptions>> {
  for (const key of ["uuid", "now", "compress"] as const) {
    const value = options[key];
    if (value !== undefined && typeof value !== "function") {
      throw new TypeError(`createJsonBase: option "${key}" must be a function, got ${typeof value}`);
    }
  }
  if (options.service !== undefined && (typeof options.service !== "object" || options.service === null)) {
    throw new TypeError(`createJsonBase: option "service" must be an object, got ${String(options.service)}`);
  }
  return { ...DEFAULT_JSON_BASE_OPTIONS, ...stripUndefined(options) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

/**
 * Makes a `JsonBase` envelope with a fixed service, uuid source, clock or deflate.
 *
 * @throws TypeError when an option has the wrong type.
 *
 * @example
 * ```ts
 * const envelope = createJsonBase({ service: { name: "order", uuid: "0b0e…" }, now: () => 1700000000.5 });
 * await bus.publish({ topic: "order--created", data: { order_id: "o-1" }, envelope });
 * ```
 */
export function createJsonBase(options: JsonBaseOptions = {}): JsonBaseEnvelope {
  const resolved = resolveJsonBaseOptions(options);
  return Object.freeze({
    name: "jsonBase",
    build(data: unknown, context: JsonBaseContext = {}): string {
      return buildJsonBase(data, context, resolved);
    },
    parse(body: string): EnvelopeParseResult<unknown, JsonBaseMetadata> {
      return parseJsonBase(body);
    },
  });
}

/**
 * tomodachi's `JsonBase` envelope with default options (no service — `message_uuid` is `".<uuid4>"`, as
 * the Python `SNSSQSTestClient` sends — a random uuid4 and wall-clock time).
 *
 * @example
 * ```ts
 * const body = jsonBase.build({ customer_id: "c-1" }, { topic: "customer--created" });
 * jsonBase.parse(body).payload; // { customer_id: "c-1" }
 * ```
 */
export const jsonBase: JsonBaseEnvelope = createJsonBase();

function buildJsonBase(data: unknown, context: JsonBaseContext, options: Readonly<Required<JsonBaseOptions>>): string {
  let dataJson = pythonJsonDumps(data);
  if (dataJson === undefined) throw new TypeError(`jsonBase: cannot encode ${typeof data} as JSON`);
  let dataEncoding: JsonBaseDataEncoding = "raw";
  if (dataJson.length >= JSON_BASE_COMPRESSION_THRESHOLD) {
    const compressed = options.compress(Buffer.from(dataJson, "utf8"));
    dataJson = pythonJsonDumps(Buffer.from(compressed).toString("base64")) ?? "";
    dataEncoding = "base64_gzip_json";
  }
  const service: Partial<JsonBaseService> = {
    ...stripUndefined(options.service),
    ...stripUndefined(context.service ?? {}),
  };
  const uuidPrefix = service.uuid === undefined ? "" : (service.uuid ?? "None");
  const timestamp = context.timestamp ?? options.now();
  const head = pythonJsonDumps({
    service: { name: service.name ?? null, uuid: service.uuid ?? null },
    metadata: {
      message_uuid: context.messageUuid ?? `${uuidPrefix}.${options.uuid()}`,
      protocol_version: JSON_BASE_PROTOCOL_VERSION,
      compatible_protocol_versions: ["json_base-wip"],
      timestamp: pythonFloat(timestamp), // always a Python float, even when integral
      topic: context.topic ?? "",
      data_encoding: dataEncoding,
    },
  });
  return `${(head ?? "").slice(0, -1)}, "data": ${dataJson}}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function parseJsonBase(body: string): EnvelopeParseResult<unknown, JsonBaseMetadata> {
  const fail = (reason: "not-json" | "wrong-envelope", detail: string, cause?: unknown): never => {
    const options = { reason, body, detail, envelope: "jsonBase" };
    throw new PayloadDecodeError(cause === undefined ? options : { ...options, cause });
  };
  let message: unknown;
  try {
    message = parsePythonJson(body);
  } catch (error) {
    return fail("not-json", error instanceof Error ? error.message : String(error), error);
  }
  if (!isRecord(message)) return fail("wrong-envelope", `expected a JSON object, got ${describeJsonType(message)}`);
  const metadata = message.metadata;
  if (!isRecord(metadata) || !("data" in message)) {
    const keys = Object.keys(message).map((key) => JSON.stringify(key));
    return fail(
      "wrong-envelope",
      `expected "metadata" and "data" members, got an object with keys: ${keys.join(", ")}`,
    );
  }
  const encoding = metadata.data_encoding;
  let payload: unknown = message.data;
  if (encoding === "base64_gzip_json") {
    if (typeof payload !== "string") return fail("wrong-envelope", "base64_gzip_json data is not a string");
    try {
      payload = parsePythonJson(inflateSync(Buffer.from(payload, "base64")).toString("utf8"));
    } catch (error) {
      const detail = `cannot decompress base64_gzip_json data: ${error instanceof Error ? error.message : String(error)}`;
      return fail("wrong-envelope", detail, error);
    }
  } else if (encoding !== "raw") {
    return fail(
      "wrong-envelope",
      `metadata.data_encoding is ${JSON.stringify(encoding)}, expected "raw" or "base64_gzip_json"`,
    );
  }
  const service = isRecord(message.service) ? message.service : {};
  return {
    payload,
    metadata: {
      service: { name: stringOrNull(service.name), uuid: stringOrNull(service.uuid) },
      messageUuid: stringOrNull(metadata.message_uuid),
      protocolVersion: stringOrNull(metadata.protocol_version),
      timestamp: typeof metadata.timestamp === "number" ? metadata.timestamp : null,
      topic: stringOrNull(metadata.topic),
      dataEncoding: encoding,
    },
  };
}

function describeJsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}
