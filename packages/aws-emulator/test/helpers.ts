/**
 * @module test/helpers
 * Shared set-up for the SQS client tests: an emulator on a free port, an SDK v3 client pointed at it,
 * raw JSON 1.0 and Query requests, and a tick-based wait (no timers).
 */

import { SQSClient } from "@aws-sdk/client-sqs";
import { type AwsEmulator, type AwsEmulatorOptions, parseXml, startAwsEmulator } from "probity-aws-emulator";

export interface SqsFixture {
  aws: AwsEmulator;
  sqs: SQSClient;
}

/** Starts an emulator and a client with retries off (errors surface at once). */
export async function startSqs(options: AwsEmulatorOptions = {}): Promise<SqsFixture> {
  const aws = await startAwsEmulator({ port: 0, ...options });
  const sqs = new SQSClient({
    endpoint: aws.endpoint,
    region: aws.region,
    credentials: aws.credentials,
    maxAttempts: 1,
  });
  return { aws, sqs };
}

/** Resolves once `condition()` holds, checking after each I/O turn; rejects after `turns` turns. */
export async function untilTrue(condition: () => boolean, turns = 10_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (condition()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error("condition never became true");
}

/** A protocol-neutral answer: HTTP status, error code (legacy Query code) or the result's top-level scalars. */
export interface WireAnswer {
  status: number;
  errorCode: string | undefined;
  /** JSON: `__type` name; Query: same as errorCode. */
  errorType: string | undefined;
  result: Record<string, unknown>;
}

/** Sends an AWS JSON 1.0 request. */
export async function jsonRequest(endpoint: string, action: string, input: unknown): Promise<WireAnswer> {
  const response = await fetch(`${endpoint}/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": `AmazonSQS.${action}`,
      authorization:
        "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=x",
    },
    body: typeof input === "string" ? input : JSON.stringify(input),
  });
  const body = (await response.json()) as Record<string, unknown>;
  const queryError = response.headers.get("x-amzn-query-error");
  return {
    status: response.status,
    errorCode: queryError === null ? undefined : queryError.split(";")[0],
    errorType: typeof body.__type === "string" ? body.__type.split("#")[1] : undefined,
    result: body,
  };
}

/** Flattens a JSON-shaped SQS input into Query parameters (the layout SQS clients send). */
export function toQueryParams(action: string, input: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams({ Action: action, Version: "2012-11-05" });
  const listNames: Record<string, string> = {
    AttributeNames: "AttributeName",
    MessageAttributeNames: "MessageAttributeName",
    MessageSystemAttributeNames: "MessageSystemAttributeName",
    TagKeys: "TagKey",
    AWSAccountIds: "AWSAccountId",
    Actions: "ActionName",
    Entries: `${action}RequestEntry`,
  };
  const mapNames: Record<string, [string, string, string]> = {
    Attributes: ["Attribute", "Name", "Value"],
    MessageAttributes: ["MessageAttribute", "Name", "Value"],
    MessageSystemAttributes: ["MessageSystemAttribute", "Name", "Value"],
    Tags: ["Tag", "Key", "Value"],
    tags: ["Tag", "Key", "Value"],
  };
  const put = (prefix: string, value: unknown): void => {
    if (value === undefined) return;
    if (typeof value !== "object" || value === null) {
      params.set(prefix, String(value));
      return;
    }
    for (const [key, member] of Object.entries(value)) {
      const path = prefix === "" ? "" : `${prefix}.`;
      if (listNames[key] !== undefined && Array.isArray(member)) {
        for (const [i, item] of member.entries()) put(`${path}${listNames[key]}.${i + 1}`, item);
      } else if (mapNames[key] !== undefined && typeof member === "object" && member !== null) {
        const [entry, k, v] = mapNames[key];
        for (const [i, [name, item]] of Object.entries(member).entries()) {
          params.set(`${path}${entry}.${i + 1}.${k}`, name);
          put(`${path}${entry}.${i + 1}.${v}`, item);
        }
      } else {
        put(`${path}${key}`, member);
      }
    }
  };
  put("", input);
  return params;
}

/** Sends a Query request (form body) to `url` (the endpoint root or a queue URL). */
export async function queryRequest(url: string, action: string, input: Record<string, unknown>): Promise<WireAnswer> {
  const response = await fetch(url.endsWith("/") || /\/\d{12}\//.test(url) ? url : `${url}/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: toQueryParams(action, input),
  });
  const xml = parseXml(await response.text());
  const error = (xml.ErrorResponse as { Error?: { Code?: string } } | undefined)?.Error;
  const envelope = xml[`${action}Response`] as Record<string, unknown> | undefined;
  const result = (envelope?.[`${action}Result`] ?? {}) as Record<string, unknown>;
  return {
    status: response.status,
    errorCode: error?.Code,
    errorType: error?.Code,
    result: typeof result === "object" ? result : {},
  };
}
