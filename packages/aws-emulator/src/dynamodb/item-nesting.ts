/**
 * @module dynamodb/item-nesting
 * DynamoDB's limit on nested attributes in stored items, applied exactly: an attribute may wrap a scalar
 * in at most 31 maps or lists (32 levels with the scalar); AWS refuses an item with 32 wraps or more
 * ("Nesting Levels have exceeded supported limits"), where dynalite accepts up to 34. Measured against
 * AWS by others (eu-west-2): 31 wraps accepted, 32 refused.
 *
 * Checked where a request stores an item: `PutItem`'s `Item`, `UpdateItem`'s `AttributeUpdates` values and
 * `BatchWriteItem`'s `PutRequest` items. `ExpressionAttributeValues` are left alone: most regions accept
 * deeper ones there (the limit is enforced on them in some regions only); so an `UpdateExpression` that
 * `SET`s a deep value on a deep path can still store an item past the limit.
 */

import { DYNAMODB_MAX_NESTING_LEVELS } from "./dynamodb-errors.js";

/** The most maps and lists an attribute may wrap around a scalar. */
export const DYNAMODB_MAX_ATTRIBUTE_WRAPS = DYNAMODB_MAX_NESTING_LEVELS - 1;

/** A JSON object (not an array, not null). */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The values of a JSON object (none for anything else: dynalite refuses those shapes itself). */
function recordValues(value: unknown): unknown[] {
  return isJsonObject(value) ? Object.values(value) : [];
}

/** Member `name` of a JSON object, else undefined. */
function member(value: unknown, name: string): unknown {
  return isJsonObject(value) ? value[name] : undefined;
}

/** How many maps and lists nest in attribute value `value` (0 for a scalar, 1 for `{"M": {}}`). */
export function attributeWraps(value: unknown): number {
  const L = member(value, "L");
  const M = member(value, "M");
  const children = Array.isArray(L) ? L : isJsonObject(M) ? Object.values(M) : undefined;
  if (children === undefined) return 0;
  let deepest = 0;
  for (const child of children) deepest = Math.max(deepest, attributeWraps(child));
  return 1 + deepest;
}

const tooDeep = (value: unknown): boolean => attributeWraps(value) > DYNAMODB_MAX_ATTRIBUTE_WRAPS;
const itemTooDeep = (item: unknown): boolean => recordValues(item).some(tooDeep);

/** Where each action that stores attributes carries them. */
const STORED_ATTRIBUTES = new Map<string, (body: unknown) => boolean>([
  ["PutItem", (body) => itemTooDeep(member(body, "Item"))],
  [
    "UpdateItem",
    (body) => recordValues(member(body, "AttributeUpdates")).some((update) => tooDeep(member(update, "Value"))),
  ],
  [
    "BatchWriteItem",
    (body) =>
      recordValues(member(body, "RequestItems")).some(
        (writes) =>
          Array.isArray(writes) && writes.some((write) => itemTooDeep(member(member(write, "PutRequest"), "Item"))),
      ),
  ],
]);

/**
 * True when a parsed request body of DynamoDB action `action` stores an item with an attribute nested deeper
 * than DynamoDB allows (`PutItem`, `UpdateItem`'s `AttributeUpdates`, `BatchWriteItem`; other actions store
 * nothing). The caller bounds the JSON depth first: the walk recurses once per map or list.
 */
export function storesItemTooDeep(action: string | undefined, body: unknown): boolean {
  const check = action === undefined ? undefined : STORED_ATTRIBUTES.get(action);
  return check?.(body) === true;
}
