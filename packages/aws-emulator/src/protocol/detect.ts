/**
 * @module protocol/detect
 * Which protocol, service and action a request is: `X-Amz-Target: <prefix>.<Action>` means AWS JSON 1.0;
 * a form body (or GET query string) with `Action=` means the Query protocol. The SigV4 credential scope
 * names the service, region and access key.
 */

/** What the SigV4 `Authorization` header says about the caller. */
export interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/**
 * Reads the credential scope from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/sqs/aws4_request, …`
 * (or a presigned `X-Amz-Credential` value).
 */
export function parseCredentialScope(authorization: string | undefined): CredentialScope | undefined {
  if (authorization === undefined) return undefined;
  const match = CREDENTIAL.exec(authorization);
  if (match === null) return undefined;
  return { accessKeyId: match[1] as string, region: match[2] as string, service: match[3] as string };
}

/** A 12-digit access key id selects that account (as LocalStack does). */
export function accountFromAccessKey(accessKeyId: string | undefined): string | undefined {
  return accessKeyId !== undefined && /^\d{12}$/.test(accessKeyId) ? accessKeyId : undefined;
}

/** The protocol a request speaks, from its headers alone. */
export type DetectedProtocol =
  | { protocol: "json"; targetPrefix: string; action: string }
  | { protocol: "query" }
  | { protocol: "unknown" };

/**
 * Classifies a request by `X-Amz-Target` and content type.
 * @param target - the `X-Amz-Target` header.
 * @param contentType - the `Content-Type` header.
 * @param method - the HTTP method (Query requests may be GETs with a query string).
 * @param query - the raw query string.
 */
export function detectProtocol(
  target: string | undefined,
  contentType: string | undefined,
  method: string,
  query: string,
): DetectedProtocol {
  if (target !== undefined && target !== "") {
    const dot = target.lastIndexOf(".");
    if (dot > 0) return { protocol: "json", targetPrefix: target.slice(0, dot), action: target.slice(dot + 1) };
    return { protocol: "json", targetPrefix: target, action: "" };
  }
  if (contentType?.includes("x-www-form-urlencoded") === true) return { protocol: "query" };
  if (contentType?.startsWith("application/x-amz-json") === true)
    return { protocol: "json", targetPrefix: "", action: "" };
  if (method === "GET" && /(^|&)Action=/.test(query)) return { protocol: "query" };
  if (method === "POST" && (contentType === undefined || contentType === "")) return { protocol: "query" };
  return { protocol: "unknown" };
}
