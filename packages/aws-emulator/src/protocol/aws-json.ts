/**
 * @module protocol/aws-json
 * AWS JSON 1.0: the action comes from `X-Amz-Target: <prefix>.<Action>`, the body is the input object,
 * the reply is the output object. Errors are `{"__type":"<prefix>#<Code>","message":…}` plus the
 * `x-amzn-query-error: <QueryCode>;Sender|Receiver` header that awsQueryCompatible SDKs read.
 */

import { AwsServiceError } from "../errors.js";
import type { AwsHttpResponse } from "./http-types.js";
import type { ServiceDefinition } from "./service.js";

/** The content type of AWS JSON 1.0. */
export const AWS_JSON_CONTENT_TYPE = "application/x-amz-json-1.0";

/**
 * Parses a JSON 1.0 request body (empty means `{}`).
 * @throws AwsServiceError `SerializationException` when it is not a JSON object.
 */
export function decodeJsonInput(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    throw new AwsServiceError("SerializationException", "The request body is not valid JSON.", { cause });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AwsServiceError("SerializationException", "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** Renders an action's output. */
export function encodeJsonOutput(output: Record<string, unknown> | undefined, requestId: string): AwsHttpResponse {
  return {
    status: 200,
    headers: { "content-type": AWS_JSON_CONTENT_TYPE, "x-amzn-requestid": requestId },
    body: output === undefined ? "{}" : JSON.stringify(output),
  };
}

/** Renders an error the JSON 1.0 way. */
export function encodeJsonError(
  error: AwsServiceError,
  service: Pick<ServiceDefinition, "jsonErrorPrefix">,
  requestId: string,
): AwsHttpResponse {
  return {
    status: error.status,
    headers: {
      "content-type": AWS_JSON_CONTENT_TYPE,
      "x-amzn-requestid": requestId,
      "x-amzn-query-error": `${error.queryErrorCode};${error.senderFault ? "Sender" : "Receiver"}`,
    },
    body: JSON.stringify({ __type: `${service.jsonErrorPrefix}${error.code}`, message: error.message }),
  };
}
