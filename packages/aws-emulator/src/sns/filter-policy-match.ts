/**
 * @module sns/filter-policy-match
 * Runs a compiled filter policy against a published message: its message attributes (String,
 * String.Array, Number; Binary never matches a value) or its JSON body (nested keys, arrays).
 * @internal
 */

import { cidrContains } from "./cidr.js";
import type { FilterPolicyScope, Matcher, PolicyField, PolicyNode } from "./filter-policy.js";

/** A message attribute as Publish received it. */
export interface FilterAttribute {
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: Uint8Array;
}

/** What a filter policy sees of a published message. */
export interface FilterInput {
  readonly messageAttributes?: Readonly<Record<string, FilterAttribute>>;
  /** The message body the subscription would receive. */
  readonly body: string;
}

/** A leaf value found at a property path. */
type Leaf = string | number | boolean | null;

/** What a property path resolved to: whether it exists and its leaf values. */
interface Resolved {
  readonly present: boolean;
  readonly values: readonly Leaf[];
}

const ABSENT: Resolved = { present: false, values: [] };
/** Numbers compare with six decimal digits, like event-ruler's ComparableNumber. */
const PRECISION = 1e6;

function normalize(n: number): number {
  return Math.round(n * PRECISION);
}

function toLeaves(value: unknown, out: Leaf[]): void {
  if (Array.isArray(value)) for (const element of value) toLeaves(element, out);
  else if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    out.push(value);
  }
}

function resolveAttribute(attribute: FilterAttribute | undefined): Resolved {
  if (attribute === undefined) return ABSENT;
  const kind = attribute.dataType.split(".")[0];
  const text = attribute.stringValue ?? "";
  if (attribute.dataType === "String.Array") {
    try {
      const values: Leaf[] = [];
      toLeaves(JSON.parse(text), values);
      return { present: true, values };
    } catch {
      return { present: true, values: [] };
    }
  }
  if (kind === "String") return { present: true, values: [text] };
  if (kind === "Number") {
    const n = Number(text);
    return { present: true, values: Number.isFinite(n) ? [n] : [] };
  }
  return { present: true, values: [] };
}

function resolveBody(root: unknown, path: readonly string[]): Resolved {
  let nodes: unknown[] = [root];
  for (const key of path) {
    const next: unknown[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) for (const element of node) visit(element);
      else if (typeof node === "object" && node !== null && Object.hasOwn(node, key)) {
        next.push((node as Record<string, unknown>)[key]);
      }
    };
    for (const node of nodes) visit(node);
    nodes = next;
  }
  const values: Leaf[] = [];
  for (const node of nodes) toLeaves(node, values);
  return values.length === 0 ? ABSENT : { present: true, values };
}

function inRange(n: number, m: Extract<Matcher, { type: "numeric" }>): boolean {
  const value = normalize(n);
  if (m.equals !== undefined) return value === normalize(m.equals);
  if (m.lower !== undefined) {
    const lower = normalize(m.lower.value);
    if (m.lower.inclusive ? value < lower : value <= lower) return false;
  }
  if (m.upper !== undefined) {
    const upper = normalize(m.upper.value);
    if (m.upper.inclusive ? value > upper : value >= upper) return false;
  }
  return true;
}

function exactEquals(expected: Leaf, value: Leaf): boolean {
  if (typeof expected === "number") return typeof value === "number" && normalize(value) === normalize(expected);
  return expected === value;
}

function anythingBut(m: Extract<Matcher, { type: "anything-but" }>, value: Leaf): boolean {
  if (m.values !== undefined) {
    if (typeof value !== "string" && typeof value !== "number") return false;
    return !m.values.some((excluded) => exactEquals(excluded, value));
  }
  if (typeof value !== "string") return false;
  if (m.prefix !== undefined) return !value.startsWith(m.prefix);
  if (m.suffix !== undefined) return !value.endsWith(m.suffix);
  return !(m.ignoreCase ?? []).includes(value.toLowerCase());
}

function valueMatches(m: Matcher, value: Leaf): boolean {
  switch (m.type) {
    case "exact":
      return exactEquals(m.value, value);
    case "prefix":
      return typeof value === "string" && value.startsWith(m.value);
    case "suffix":
      return typeof value === "string" && value.endsWith(m.value);
    case "equals-ignore-case":
      return typeof value === "string" && value.toLowerCase() === m.value.toLowerCase();
    case "numeric":
      return typeof value === "number" && Math.abs(value) < 1e9 && inRange(value, m);
    case "cidr":
      return typeof value === "string" && cidrContains(m.block, value);
    case "anything-but":
      return anythingBut(m, value);
    case "exists":
      return false;
  }
}

function fieldMatches(field: PolicyField, resolved: Resolved): boolean {
  return field.matchers.some((m) =>
    m.type === "exists" ? m.value === resolved.present : resolved.values.some((value) => valueMatches(m, value)),
  );
}

function nodeMatches(node: PolicyNode, resolve: (path: readonly string[]) => Resolved): boolean {
  return (
    node.fields.every((field) => fieldMatches(field, resolve(field.path))) &&
    node.anyOf.every((group) => group.some((branch) => nodeMatches(branch, resolve)))
  );
}

/**
 * Whether `input` passes the policy tree `root` under `scope`. A body that is not a JSON object
 * matches nothing (AWS drops it for body-scoped subscriptions).
 * @internal
 */
export function matchPolicyNode(root: PolicyNode, scope: FilterPolicyScope, input: FilterInput): boolean {
  if (scope === "MessageAttributes") {
    const attributes = input.messageAttributes ?? {};
    return nodeMatches(root, (path) => {
      const name = path.length === 1 ? (path[0] ?? "") : "";
      return resolveAttribute(Object.hasOwn(attributes, name) ? attributes[name] : undefined);
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(input.body);
  } catch {
    return false;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  return nodeMatches(root, (path) => resolveBody(body, path));
}
