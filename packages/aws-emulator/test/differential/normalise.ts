/**
 * @module test/differential/normalise
 * Turns an SDK v3 response or error into a value two SQS implementations can be compared on: identifiers,
 * receipt handles, SNS subscription ids, timestamps, request ids, hosts/ports and account ids are replaced by placeholders (so
 * their presence still counts); codes, attributes, MD5 digests, bodies and ordering are kept.
 */

/** Keys whose values are per-run identifiers: kept as a placeholder so a missing one still shows. */
const PLACEHOLDER_KEYS: Readonly<Record<string, string>> = {
  MessageId: "<message-id>",
  ReceiptHandle: "<receipt-handle>",
  RequestId: "<request-id>",
  requestId: "<request-id>",
  SequenceNumber: "<sequence-number>",
  NextToken: "<next-token>",
  SenderId: "<sender-id>",
  TaskHandle: "<task-handle>",
  // SNS: the account that owns a topic or subscription, also inside a topic's default access policy.
  Owner: "<account>",
  "AWS:SourceOwner": "<account>",
};

/** Response metadata that is transport detail, not behaviour. */
const DROPPED_KEYS = new Set(["extendedRequestId", "cfId", "attempts", "totalRetryDelay", "$response"]);

/** Attributes whose values are JSON documents: compared on content, not on whitespace or key order. */
const JSON_ATTRIBUTES = new Set([
  "RedrivePolicy",
  "RedriveAllowPolicy",
  "Policy",
  "EffectiveDeliveryPolicy",
  "DeliveryPolicy",
  "FilterPolicy",
]);

const URL_PATTERN = /https?:\/\/[^/\s"'<>]+\/(\d{12})\//g;
const ARN_PATTERN = /arn:aws:(sqs|sns):([a-z0-9-]+):\d{12}:/g;
/** The per-subscription UUID that ends an SNS subscription ARN (`arn:aws:sns:…:topic:<uuid>`). */
const SUBSCRIPTION_ID_PATTERN =
  /(arn:aws:sns:[a-z0-9-]+:<account>:[\w.-]+):[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/g;

/** Rewrites endpoints and account ids inside any string (URLs, ARNs, JSON policies). */
export function normaliseString(text: string): string {
  return text
    .replace(URL_PATTERN, "<endpoint>/<account>/")
    .replace(ARN_PATTERN, "arn:aws:$1:$2:<account>:")
    .replace(SUBSCRIPTION_ID_PATTERN, "$1:<subscription-id>");
}

/**
 * Normalises any response value (recursively). Binary values become `hex:<bytes>` so they compare and print.
 *
 * @example
 * ```ts
 * normalise({ MessageId: "abc", QueueUrl: "http://127.0.0.1:4566/000000000000/q" })
 * // -> { MessageId: "<message-id>", QueueUrl: "<endpoint>/<account>/q" }
 * ```
 */
export function normalise(value: unknown): unknown {
  if (typeof value === "string") return normaliseString(value);
  if (value instanceof Uint8Array) return `hex:${Buffer.from(value).toString("hex")}`;
  if (value instanceof Date) return "<timestamp>";
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || DROPPED_KEYS.has(key)) continue;
    const placeholder = PLACEHOLDER_KEYS[key];
    if (placeholder !== undefined) out[key] = placeholder;
    else if (JSON_ATTRIBUTES.has(key) && typeof item === "string") out[key] = canonicalJson(item);
    else if (key.endsWith("Timestamp") && (typeof item === "string" || typeof item === "number"))
      out[key] = "<timestamp>";
    else out[key] = normalise(item);
  }
  return out;
}

/** Re-serialises a JSON document with sorted keys and no whitespace (text that is not JSON is kept). */
function canonicalJson(text: string): string {
  try {
    return JSON.stringify(normalise(JSON.parse(text)));
  } catch {
    return normaliseString(text);
  }
}

/** The parts of an SDK v3 service error that are behaviour: its name, query-compatible code, fault and status. */
export function normaliseError(error: unknown): Record<string, unknown> {
  if (typeof error !== "object" || error === null) return { thrown: String(error) };
  const e = error as Record<string, unknown> & { $metadata?: { httpStatusCode?: number } };
  // Not a service error (a client-side crash, an MD5 mismatch): its message is the behaviour.
  if (e.$metadata === undefined) return { name: e.name, message: e.message };
  return normalise({
    name: e.name,
    Code: e.Code,
    Type: e.Type,
    $fault: e.$fault,
    status: e.$metadata?.httpStatusCode,
  }) as Record<string, unknown>;
}

/** Sorts the arrays under `keys` (top level of `value`) by their JSON text, for results AWS does not order. */
export function sortArrays(value: unknown, keys: readonly string[]): unknown {
  if (keys.length === 0 || typeof value !== "object" || value === null) return value;
  const out = { ...(value as Record<string, unknown>) };
  for (const key of keys) {
    const items = out[key];
    if (Array.isArray(items)) {
      out[key] = [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
  }
  return out;
}
