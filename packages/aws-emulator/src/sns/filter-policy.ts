/**
 * @module sns/filter-policy
 * The SNS subscription filter policy language: parsing and validation with AWS's limits and error
 * codes. Matching lives in `filter-policy-match.ts`; {@link parseFilterPolicy} returns a compiled
 * policy whose `matches()` runs it.
 *
 * Semantics follow the AWS SNS developer guide (and EventBridge's event-ruler, which SNS uses):
 * a message matches when every property in the policy matches, and a property matches when at least
 * one of its values satisfies at least one of the policy's match expressions.
 */

import { AwsServiceError } from "../errors.js";
import { type CidrBlock, parseCidr } from "./cidr.js";
import { type FilterInput, matchPolicyNode } from "./filter-policy-match.js";

/** Where a filter policy looks: the message attributes (default) or the JSON message body. */
export type FilterPolicyScope = "MessageAttributes" | "MessageBody";

/** A numeric bound of a `numeric` range. */
export interface NumericBound {
  readonly value: number;
  readonly inclusive: boolean;
}

/** One match expression of a property's value list. @internal */
export type Matcher =
  | { readonly type: "exact"; readonly value: string | number | boolean | null }
  | { readonly type: "prefix" | "suffix" | "equals-ignore-case"; readonly value: string }
  | { readonly type: "exists"; readonly value: boolean }
  | { readonly type: "numeric"; readonly lower?: NumericBound; readonly upper?: NumericBound; readonly equals?: number }
  | { readonly type: "cidr"; readonly block: CidrBlock }
  | {
      readonly type: "anything-but";
      readonly values?: readonly (string | number)[];
      readonly prefix?: string;
      readonly suffix?: string;
      readonly ignoreCase?: readonly string[];
    };

/** A property (a key path) and its match expressions, OR-ed. @internal */
export interface PolicyField {
  readonly path: readonly string[];
  readonly matchers: readonly Matcher[];
}

/** An AND of fields and of `$or` groups (each group is an OR of nodes). @internal */
export interface PolicyNode {
  readonly fields: readonly PolicyField[];
  readonly anyOf: readonly (readonly PolicyNode[])[];
}

/** A validated, compiled filter policy. */
export interface FilterPolicy {
  readonly scope: FilterPolicyScope;
  /** The policy JSON as the subscriber set it. */
  readonly source: string;
  /** Whether a published message passes the policy. */
  matches(input: FilterInput): boolean;
}

/** AWS: a filter policy can have at most five keys. */
export const MAX_FILTER_POLICY_KEYS = 5;
/** AWS: the total combination of values must not exceed 150. */
export const MAX_FILTER_POLICY_COMBINATIONS = 150;
/** AWS: a filter policy is at most 256 KB. */
export const MAX_FILTER_POLICY_BYTES = 256 * 1024;
/** AWS: numbers in a policy range from -10^9 to 10^9. */
export const MAX_FILTER_POLICY_NUMBER = 1e9;

const RESERVED = new Set([
  "prefix",
  "suffix",
  "anything-but",
  "numeric",
  "exists",
  "equals-ignore-case",
  "cidr",
  "wildcard",
]);
const NUMERIC_OPERATORS = new Set(["<", "<=", "=", ">", ">="]);

function invalid(reason: string): AwsServiceError {
  return new AwsServiceError("InvalidParameter", `Invalid parameter: FilterPolicy: ${reason}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkNumber(value: number): number {
  // moto (which records AWS's answers) reports InternalError for numbers outside ±10^9.
  if (value <= -MAX_FILTER_POLICY_NUMBER || value >= MAX_FILTER_POLICY_NUMBER) {
    throw new AwsServiceError("InternalError", "Unknown", { status: 500 });
  }
  return value;
}

function parseNumeric(spec: unknown): Matcher {
  if (!Array.isArray(spec) || spec.length === 0) throw invalid("Invalid member in numeric match: ]");
  const [op, value, op2, value2, ...extra] = spec as unknown[];
  if (typeof op !== "string") throw invalid(`Invalid member in numeric match: ${String(op)}`);
  if (!NUMERIC_OPERATORS.has(op)) throw invalid(`Unrecognized numeric range operator: ${op}`);
  if (typeof value !== "number") throw invalid(`Value of ${op} must be numeric`);
  checkNumber(value);
  if (spec.length === 2) {
    if (op === "=") return { type: "numeric", equals: value };
    const bound = { value, inclusive: op.endsWith("=") };
    return op.startsWith(">") ? { type: "numeric", lower: bound } : { type: "numeric", upper: bound };
  }
  if (!op.startsWith(">") || extra.length > 0) throw invalid("Too many elements in numeric expression");
  if (op2 !== "<" && op2 !== "<=") throw invalid(`Bad numeric range operator: ${String(op2)}`);
  if (typeof value2 !== "number") throw invalid(`Value of ${op2} must be numeric`);
  checkNumber(value2);
  if (value2 <= value) throw invalid("Bottom must be less than top");
  return {
    type: "numeric",
    lower: { value, inclusive: op === ">=" },
    upper: { value: value2, inclusive: op2 === "<=" },
  };
}

function parseAnythingBut(spec: unknown): Matcher {
  if (typeof spec === "string") return { type: "anything-but", values: [spec] };
  if (typeof spec === "number") return { type: "anything-but", values: [checkNumber(spec)] };
  if (Array.isArray(spec)) {
    if (spec.length === 0) throw invalid("Empty arrays are not allowed");
    const allStrings = spec.every((v) => typeof v === "string");
    const allNumbers = spec.every((v) => typeof v === "number");
    if (!allStrings && !allNumbers) throw invalid("Inside anything but list, mixed types are not supported.");
    if (allNumbers) for (const n of spec as number[]) checkNumber(n);
    return { type: "anything-but", values: spec as (string | number)[] };
  }
  if (isObject(spec)) {
    const keys = Object.keys(spec);
    const [key] = keys;
    const value = key === undefined ? undefined : spec[key];
    if (keys.length !== 1 || key === undefined)
      throw invalid("Value of anything-but must be an array or single string/number value.");
    if (key === "prefix" || key === "suffix") {
      if (typeof value !== "string") throw invalid(`${key} match pattern must be a string`);
      if (value === "") throw invalid(`Null ${key} not allowed`);
      return key === "prefix" ? { type: "anything-but", prefix: value } : { type: "anything-but", suffix: value };
    }
    if (key === "equals-ignore-case") {
      const list = typeof value === "string" ? [value] : value;
      if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === "string")) {
        throw invalid("equals-ignore-case match pattern must be a string or a non-empty array of strings");
      }
      return { type: "anything-but", ignoreCase: list.map((v: string) => v.toLowerCase()) };
    }
    throw invalid(`Unsupported anything-but pattern: ${key}`);
  }
  throw invalid("Value of anything-but must be an array or single string/number value.");
}

function parseOperator(rule: Record<string, unknown>): Matcher {
  const keys = Object.keys(rule);
  const [keyword] = keys;
  if (keyword === undefined) throw invalid("Empty objects are not allowed");
  if (keys.length > 1) throw invalid(`Only one key allowed in match expression: ${keys.join(", ")}`);
  const spec = rule[keyword];
  switch (keyword) {
    case "exists":
      if (typeof spec !== "boolean") throw invalid("exists match pattern must be either true or false.");
      return { type: "exists", value: spec };
    case "prefix":
    case "suffix":
    case "equals-ignore-case":
      if (typeof spec !== "string") throw invalid(`${keyword} match pattern must be a string`);
      return { type: keyword, value: spec };
    case "numeric":
      return parseNumeric(spec);
    case "anything-but":
      return parseAnythingBut(spec);
    case "cidr": {
      const block = typeof spec === "string" ? parseCidr(spec) : undefined;
      if (block === undefined) throw invalid(`Malformed CIDR, one '/' required: ${JSON.stringify(spec)}`);
      return { type: "cidr", block };
    }
    default:
      throw invalid(`Unrecognized match type ${keyword}`);
  }
}

function parseMatcher(rule: unknown): Matcher {
  if (rule === null || typeof rule === "string" || typeof rule === "boolean") return { type: "exact", value: rule };
  if (typeof rule === "number") return { type: "exact", value: checkNumber(rule) };
  if (isObject(rule)) return parseOperator(rule);
  throw invalid("Match value must be String, number, true, false, or null");
}

function isOrGroup(value: unknown): value is Record<string, unknown>[] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every((branch) => isObject(branch) && Object.keys(branch).every((key) => !RESERVED.has(key)))
  );
}

interface ParseState {
  readonly scope: FilterPolicyScope;
}

function parseNode(object: Record<string, unknown>, prefix: readonly string[], state: ParseState): PolicyNode {
  const fields: PolicyField[] = [];
  const anyOf: (readonly PolicyNode[])[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (key === "$or" && isOrGroup(value)) {
      anyOf.push(value.map((branch) => parseNode(branch, prefix, state)));
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw invalid("Empty arrays are not allowed");
      fields.push({ path: [...prefix, key], matchers: value.map(parseMatcher) });
    } else if (isObject(value)) {
      if (state.scope === "MessageAttributes") {
        throw new AwsServiceError(
          "InvalidParameter",
          "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy",
        );
      }
      const nested = parseNode(value, [...prefix, key], state);
      fields.push(...nested.fields);
      anyOf.push(...nested.anyOf);
    } else {
      throw invalid(`"${key}" must be an object or an array`);
    }
  }
  return { fields, anyOf };
}

/**
 * The number of value combinations AWS counts: per AND-node the product, over fields, of the number
 * of values times the key's nesting depth; `$or` groups add their branches' combinations.
 * @internal
 */
export function countCombinations(node: PolicyNode): number {
  let total = 1;
  for (const field of node.fields) total *= field.matchers.length * field.path.length;
  for (const group of node.anyOf) total *= group.reduce((sum, branch) => sum + countCombinations(branch), 0);
  return total;
}

/**
 * Parses and validates a filter policy as `Subscribe`/`SetSubscriptionAttributes` do.
 *
 * @param source - the policy JSON text.
 * @param scope - `MessageAttributes` (no nesting) or `MessageBody`. @default "MessageAttributes"
 * @returns the compiled policy.
 * @throws AwsServiceError `InvalidParameter` (`Invalid parameter: FilterPolicy: …`) for an invalid policy.
 * @example
 * ```ts
 * const policy = parseFilterPolicy('{"type":["order",{"prefix":"cust"}]}');
 * policy.matches({ messageAttributes: { type: { dataType: "String", stringValue: "customer" } }, body: "" }); // true
 * ```
 */
export function parseFilterPolicy(source: string, scope: FilterPolicyScope = "MessageAttributes"): FilterPolicy {
  if (Buffer.byteLength(source, "utf8") > MAX_FILTER_POLICY_BYTES) throw invalid("Filter policy is too long");
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new AwsServiceError("InvalidParameter", `Invalid parameter: FilterPolicy: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!isObject(parsed)) throw invalid("Filter policy must be a JSON object");
  if (Object.keys(parsed).length > MAX_FILTER_POLICY_KEYS) {
    throw invalid(`Filter policy can not have more than ${MAX_FILTER_POLICY_KEYS} keys`);
  }
  const root = parseNode(parsed, [], { scope });
  if (countCombinations(root) > MAX_FILTER_POLICY_COMBINATIONS) throw invalid("Filter policy is too complex");
  const empty = root.fields.length === 0 && root.anyOf.length === 0;
  return {
    scope,
    source,
    matches: (input) => empty || matchPolicyNode(root, scope, input),
  };
}

/**
 * Validates a `FilterPolicyScope` attribute value.
 * @throws AwsServiceError `InvalidParameter` for anything but `MessageAttributes` / `MessageBody`.
 */
export function parseFilterPolicyScope(value: string): FilterPolicyScope {
  if (value === "MessageAttributes" || value === "MessageBody") return value;
  throw new AwsServiceError(
    "InvalidParameter",
    "Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [" +
      value +
      "]. Please use either MessageBody or MessageAttributes",
  );
}
