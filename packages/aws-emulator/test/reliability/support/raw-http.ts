/**
 * @module test/reliability/support/raw-http
 * Sends arbitrary bytes and headers with node:http (fetch refuses some of what a fuzzer needs) and checks
 * that an answer is AWS-shaped in the protocol the request came in.
 */

import { Agent, request } from "node:http";
import { parseXml } from "probity-aws-emulator";

/** A request as the fuzzer builds it. */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** An answer as it came back. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends one request; rejects when no answer arrives within `timeoutMs` (`agent`: Node's global one when omitted). */
export function sendRaw(
  endpoint: string,
  raw: RawRequest,
  agent: Agent | undefined,
  timeoutMs: number,
): Promise<RawAnswer> {
  const url = new URL(raw.path, endpoint);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: raw.method,
        headers: { ...raw.headers, "content-length": String(raw.body.length) },
        ...(agent === undefined ? {} : { agent }),
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on("error", reject);
    outgoing.end(raw.body);
  });
}

/** A keep-alive agent for a fuzzing run. */
export function fuzzAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 8 });
}

/** True when AWS would treat the request as AWS JSON 1.0 (a target header or a JSON content type). */
export function isJsonRequest(raw: RawRequest): boolean {
  const target = raw.headers["x-amz-target"];
  return (
    (target !== undefined && target !== "") || (raw.headers["content-type"] ?? "").startsWith("application/x-amz-json")
  );
}

/**
 * Describes what is wrong with an error answer, or returns undefined when it is AWS-shaped: JSON requests get
 * `{"__type": "…#Code", "message"}` with the JSON content type and `x-amzn-query-error`; Query requests get an
 * XML `ErrorResponse` with `Type`, `Code`, `Message` and `RequestId`.
 */
export function errorShapeProblem(raw: RawRequest, answer: RawAnswer): string | undefined {
  if (answer.status < 400 || answer.status > 599) return `status ${answer.status} is not an error`;
  if (isJsonRequest(raw)) {
    if (answer.headers["content-type"] !== "application/x-amz-json-1.0")
      return `content-type ${answer.headers["content-type"]}`;
    if (answer.headers["x-amzn-query-error"] === undefined) return "no x-amzn-query-error header";
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return `body is not JSON: ${answer.body.slice(0, 80)}`;
    }
    const error = body as { __type?: unknown; message?: unknown };
    if (typeof error.__type !== "string" || !/^[\w.]+#\w+$/.test(error.__type)) return `__type ${String(error.__type)}`;
    if (typeof error.message !== "string") return "no message";
    return undefined;
  }
  if (!String(answer.headers["content-type"]).startsWith("text/xml"))
    return `content-type ${answer.headers["content-type"]}`;
  let xml: Record<string, unknown>;
  try {
    xml = parseXml(answer.body);
  } catch {
    return `body is not XML: ${answer.body.slice(0, 80)}`;
  }
  const envelope = xml.ErrorResponse as { Error?: Record<string, unknown>; RequestId?: unknown } | undefined;
  const error = envelope?.Error;
  if (error === undefined) return `no ErrorResponse/Error: ${answer.body.slice(0, 80)}`;
  if (error.Type !== "Sender" && error.Type !== "Receiver") return `Type ${String(error.Type)}`;
  if (typeof error.Code !== "string" || error.Code === "") return "no Code";
  if (typeof error.Message !== "string") return "no Message";
  if (typeof envelope?.RequestId !== "string") return "no RequestId";
  return undefined;
}

/** The error code of an AWS-shaped error answer (JSON `__type` name or Query `Code`). */
export function errorCode(raw: RawRequest, answer: RawAnswer): string | undefined {
  try {
    if (isJsonRequest(raw)) return String((JSON.parse(answer.body) as { __type?: string }).__type).split("#")[1];
    const xml = parseXml(answer.body) as { ErrorResponse?: { Error?: { Code?: string } } };
    return xml.ErrorResponse?.Error?.Code;
  } catch {
    return undefined;
  }
}
