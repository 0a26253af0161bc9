/**
 * @module server/sigv4
 * Optional AWS Signature Version 4 verification (`requireAuth`): recomputes the signature of each request
 * from its method, path, query, signed headers and body with the configured secret, as AWS does, and
 * rejects unsigned requests (`MissingAuthenticationToken`), unknown keys (`InvalidClientTokenId`) and
 * wrong signatures or tampered requests (`SignatureDoesNotMatch`), and requests signed more than 15
 * minutes before or after the emulator's wall clock (`SignatureDoesNotMatch`, "Signature expired: …" /
 * "Signature not yet current: …", as SQS and SNS answer — SDKs correct their clock from the response's
 * `Date` header and retry). Off by default: tests rarely want it.
 *
 * Not checked: presigned query-string signatures, session tokens.
 */

import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { AwsServiceError } from "../errors.js";
import type { AwsHttpRequest } from "../protocol/http-types.js";

/** An access key the emulator accepts when `requireAuth` is on. */
export interface EmulatorCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Throws when a request is not signed correctly; returns normally otherwise. */
export type RequestAuthorizer = (request: AwsHttpRequest) => void;

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/;

function sha256Hex(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** RFC 3986 encoding, as the SDK's `escapeUri`. */
function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The path as the SDK signs it: its (already encoded) path, encoded once more, `/` kept. */
function canonicalPath(path: string): string {
  return path === "" ? "/" : escapeUri(path).replace(/%2F/g, "/");
}

function canonicalQuery(query: string): string {
  if (query === "") return "";
  const pairs: Array<[string, string]> = [];
  for (const part of query.split("&")) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    const key = safeDecode(equals < 0 ? part : part.slice(0, equals));
    const value = equals < 0 ? "" : safeDecode(part.slice(equals + 1));
    if (key === "X-Amz-Signature") continue;
    pairs.push([escapeUri(key), escapeUri(value)]);
  }
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join("&");
}

function signatureDoesNotMatch(): AwsServiceError {
  return new AwsServiceError(
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    { status: 403 },
  );
}

/** How far a request's `X-Amz-Date` may be from the emulator's wall clock, as AWS allows. */
export const MAX_SIGNATURE_SKEW_MS = 15 * 60_000;

/** `20240101T000000Z` for a time in ms. */
function amzDateOf(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The time of an `X-Amz-Date` value (`20240101T000000Z`), or NaN. */
function parseAmzDate(value: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (match === null) return Number.NaN;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
}

/** AWS's answer to a request signed too long ago or too far ahead, or `undefined` when it is in time. */
function skewError(amzDate: string, now: number): AwsServiceError | undefined {
  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt)) return signatureDoesNotMatch();
  if (signedAt < now - MAX_SIGNATURE_SKEW_MS) {
    const message = `Signature expired: ${amzDate} is now earlier than ${amzDateOf(now - MAX_SIGNATURE_SKEW_MS)} (${amzDateOf(now)} - 15 min.)`;
    return new AwsServiceError("SignatureDoesNotMatch", message, { status: 403 });
  }
  if (signedAt > now + MAX_SIGNATURE_SKEW_MS) {
    const message = `Signature not yet current: ${amzDate} is still later than ${amzDateOf(now + MAX_SIGNATURE_SKEW_MS)} (${amzDateOf(now)} + 15 min.)`;
    return new AwsServiceError("SignatureDoesNotMatch", message, { status: 403 });
  }
  return undefined;
}

/** Options of {@link createSigV4Verifier}. */
export interface SigV4VerifierOptions {
  /**
   * The wall clock requests are checked against (ms since the epoch). Real time, not the emulator's
   * scaled or virtual clock: clients sign with their own wall clock.
   * @default Date.now
   */
  now?: () => number;
}

/**
 * Builds a verifier over the accepted keys.
 * @throws TypeError when `credentials` is empty or an entry lacks a key id or secret.
 * @example
 * ```ts
 * const authorize = createSigV4Verifier([{ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }]);
 * authorize(request); // throws AwsServiceError("SignatureDoesNotMatch") for a bad signature
 * ```
 */
export function createSigV4Verifier(
  credentials: readonly EmulatorCredential[],
  options: SigV4VerifierOptions = {},
): RequestAuthorizer {
  const now = options.now ?? Date.now;
  if (!Array.isArray(credentials) || credentials.length === 0) {
    throw new TypeError(`Expected \`requireAuth.credentials\` to be a non-empty array, got ${String(credentials)}`);
  }
  const secrets = new Map<string, string>();
  for (const credential of credentials) {
    if (typeof credential?.accessKeyId !== "string" || credential.accessKeyId === "") {
      throw new TypeError(`Expected \`accessKeyId\` to be a non-empty string, got ${String(credential?.accessKeyId)}`);
    }
    if (typeof credential.secretAccessKey !== "string" || credential.secretAccessKey === "") {
      throw new TypeError(`Expected a \`secretAccessKey\` for ${credential.accessKeyId}`);
    }
    secrets.set(credential.accessKeyId, credential.secretAccessKey);
  }

  return (request) => {
    const authorization = request.header("authorization");
    if (authorization === undefined || authorization === "") {
      throw new AwsServiceError(
        "MissingAuthenticationToken",
        "Request is missing Authentication Token: sign it with AWS Signature Version 4.",
        { status: 403 },
      );
    }
    const match = AUTHORIZATION.exec(authorization);
    if (match === null) {
      throw new AwsServiceError(
        "IncompleteSignature",
        "The Authorization header must be AWS4-HMAC-SHA256 with Credential, SignedHeaders and Signature.",
      );
    }
    const [, accessKeyId, date, region, service, signedHeaderList, signature] = match as unknown as string[];
    const secret = secrets.get(accessKeyId as string);
    if (secret === undefined) {
      throw new AwsServiceError("InvalidClientTokenId", "The security token included in the request is invalid.", {
        status: 403,
      });
    }
    const amzDate = request.header("x-amz-date");
    const signedHeaders = (signedHeaderList as string).split(";");
    if (amzDate === undefined || !amzDate.startsWith(date as string) || !signedHeaders.includes("host")) {
      throw signatureDoesNotMatch();
    }
    let headers = "";
    for (const name of signedHeaders) {
      const value = request.header(name);
      if (value === undefined) throw signatureDoesNotMatch();
      headers += `${name}:${value.trim().replace(/\s+/g, " ")}\n`;
    }
    const claimedPayload = request.header("x-amz-content-sha256");
    const payloadHash = claimedPayload === "UNSIGNED-PAYLOAD" ? claimedPayload : sha256Hex(request.body);
    const canonical = [
      request.method,
      canonicalPath(request.path),
      canonicalQuery(request.query),
      headers,
      signedHeaderList,
      payloadHash,
    ].join("\n");
    const scope = `${date}/${region}/${service}/aws4_request`;
    const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
    const key = hmac(
      hmac(hmac(hmac(`AWS4${secret}`, date as string), region as string), service as string),
      "aws4_request",
    );
    const expected = createHmac("sha256", key).update(stringToSign, "utf8").digest();
    if (!timingSafeEqual(expected, Buffer.from(signature as string, "hex"))) throw signatureDoesNotMatch();
    const skewed = skewError(amzDate, now());
    if (skewed !== undefined) throw skewed;
  };
}
