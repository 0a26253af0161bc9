/**
 * @module shared/json-base
 * The tomodachi `JsonBase` message envelope (protocol `tomodachi-json-base--1.0.0`), the wire format the
 * Python services of the seed article speak. Kept in one small module with the interface
 * `build(data, { topic, serviceName }) -> string` and `parse(body) -> data`, so it can be swapped for the
 * `jsonBase` envelope of `probity-aws` without touching the services.
 */
import { randomUUID } from "node:crypto";
import { deflateSync, inflateSync } from "node:zlib";
import { InvalidMessageError } from "./errors.js";

/** The protocol version tomodachi writes into `metadata.protocol_version`. */
export const JSON_BASE_PROTOCOL_VERSION = "tomodachi-json-base--1.0.0";

/** tomodachi compresses payloads whose JSON is at least this many characters (`base64_gzip_json`). */
export const JSON_BASE_COMPRESS_THRESHOLD = 60_000;

/** One uuid per process, like a tomodachi service instance's `uuid`. */
const PROCESS_SERVICE_UUID = randomUUID();

/** Options of {@link build}. */
export interface JsonBaseBuildOptions {
  /** The topic the message is published to; written to `metadata.topic`. */
  topic: string;
  /** The publishing service's name; written to `service.name`. */
  serviceName: string;
  /**
   * The publishing service instance's uuid; prefixes `metadata.message_uuid`.
   * @default a random uuid generated once per process
   */
  serviceUuid?: string;
  /**
   * Source of the current time in milliseconds; `metadata.timestamp` is in seconds, as a float.
   * @default Date.now
   */
  now?: () => number;
}

/**
 * Wraps `data` in a JsonBase envelope, exactly as tomodachi's `JsonBase.build_message` does (payloads of
 * 60 000 JSON characters or more are zlib-compressed and base64-encoded as `base64_gzip_json`).
 *
 * @param data - Any JSON-serialisable value.
 * @returns The envelope as a JSON string, ready to be the SNS `Message`.
 * @example
 * ```ts
 * const message = build({ customer_id: "c1", name: "John Doe" }, { topic: "customer--created", serviceName: "customer" });
 * ```
 */
export function build(data: unknown, options: JsonBaseBuildOptions): string {
  const serviceUuid = options.serviceUuid ?? PROCESS_SERVICE_UUID;
  const json = JSON.stringify(data);
  const compress = json.length >= JSON_BASE_COMPRESS_THRESHOLD;
  return JSON.stringify({
    service: { name: options.serviceName, uuid: serviceUuid },
    metadata: {
      message_uuid: `${serviceUuid}.${randomUUID()}`,
      protocol_version: JSON_BASE_PROTOCOL_VERSION,
      compatible_protocol_versions: ["json_base-wip"],
      timestamp: (options.now ?? Date.now)() / 1000,
      topic: options.topic,
      data_encoding: compress ? "base64_gzip_json" : "raw",
    },
    data: compress ? deflateSync(json).toString("base64") : data,
  });
}

/**
 * Reads the `data` out of a JsonBase envelope (both `raw` and `base64_gzip_json` encodings).
 *
 * @param body - The envelope JSON (the SNS notification's `Message`, or the SQS body with raw delivery).
 * @returns The decoded `data`.
 * @throws {InvalidMessageError} when `body` is not JSON or not a JsonBase envelope.
 * @example
 * ```ts
 * const order = parse(message) as { order_id: string; customer_id: string };
 * ```
 */
export function parse(body: string): unknown {
  const envelope = parseJson(body, "JsonBase envelope");
  if (!isRecord(envelope) || !isRecord(envelope.metadata) || !("data" in envelope)) {
    throw new InvalidMessageError("not a JsonBase envelope: expected an object with `metadata` and `data`");
  }
  const encoding = envelope.metadata.data_encoding;
  if (encoding === "raw") return envelope.data;
  if (encoding === "base64_gzip_json" && typeof envelope.data === "string") {
    let inflated: string;
    try {
      inflated = inflateSync(Buffer.from(envelope.data, "base64")).toString("utf8");
    } catch (error) {
      throw new InvalidMessageError("JsonBase data is not valid base64 zlib data", { cause: error });
    }
    return parseJson(inflated, "JsonBase data");
  }
  throw new InvalidMessageError(`unsupported JsonBase data_encoding: ${JSON.stringify(encoding)}`);
}

/**
 * The envelope as one value, the shape `probity-aws`'s `jsonBase` will have.
 *
 * @example
 * ```ts
 * const body = jsonBase.build({ order_id, customer_id }, { topic: "order--created", serviceName: "order" });
 * jsonBase.parse(body); // { order_id, customer_id }
 * ```
 */
export const jsonBase = { build, parse } as const;

/** @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidMessageError(`${what} is not valid JSON`, { cause: error });
  }
}
