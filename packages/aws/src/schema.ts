/**
 * @module schema
 * Payload validation through any Standard Schema v1 validator (zod ≥ 3.24, valibot ≥ 1, arktype ≥ 2,
 * …) without depending on one. The interface below is copied from the Standard Schema spec
 * (https://github.com/standard-schema/standard-schema, MIT License, © Colin McDonnell, Fabian
 * Hiller, Dan Fuchs), trimmed to what validation needs.
 */

/**
 * The Standard Schema v1 interface that validators implement under the `~standard` key.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * const schema: StandardSchemaV1<unknown, { id: string }> = z.object({ id: z.string() });
 * ```
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

/** Types of the Standard Schema v1 spec. */
export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties interface. */
  export interface Props<Input = unknown, Output = Input> {
    /** The version number of the standard. */
    readonly version: 1;
    /** The vendor name of the schema library. */
    readonly vendor: string;
    /** Validates unknown input values. */
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    /** Inferred types associated with the schema. */
    readonly types?: Types<Input, Output> | undefined;
  }

  /** The result interface of the validate function. */
  export type Result<Output> = SuccessResult<Output> | FailureResult;

  /** The result interface if validation succeeds. */
  export interface SuccessResult<Output> {
    /** The typed output value. */
    readonly value: Output;
    /** A falsy value for `issues` indicates success. */
    readonly issues?: undefined;
  }

  /** Options passed to `validate`. */
  export interface Options {
    /** Explicit support for additional vendor-specific parameters, if needed. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }

  /** The result interface if validation fails. */
  export interface FailureResult {
    /** The issues of failed validation. */
    readonly issues: ReadonlyArray<Issue>;
  }

  /** The issue interface of the failure output. */
  export interface Issue {
    /** The error message of the issue. */
    readonly message: string;
    /** The path of the issue, if any. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }

  /** The path segment interface of the issue. */
  export interface PathSegment {
    /** The key representing a path segment. */
    readonly key: PropertyKey;
  }

  /** The Standard Schema types interface. */
  export interface Types<Input = unknown, Output = Input> {
    /** The input type of the schema. */
    readonly input: Input;
    /** The output type of the schema. */
    readonly output: Output;
  }

  /** Infers the input type of a Standard Schema. */
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];

  /** Infers the output type of a Standard Schema. */
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}

/** What {@link validateSchema} resolves with: the validated (possibly transformed) value, or the issues. */
export type SchemaValidation<Output> =
  | { readonly ok: true; readonly value: Output }
  | { readonly ok: false; readonly issues: readonly StandardSchemaV1.Issue[] };

/**
 * Tells whether `value` implements Standard Schema v1.
 *
 * @example
 * ```ts
 * isStandardSchema(z.string()); // true
 * isStandardSchema({});         // false
 * ```
 */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  const props = (value as { "~standard"?: unknown })["~standard"];
  return (
    typeof props === "object" &&
    props !== null &&
    (props as { version?: unknown }).version === 1 &&
    typeof (props as { validate?: unknown }).validate === "function"
  );
}

/**
 * Validates `value` with a Standard Schema, awaiting validators that answer asynchronously.
 *
 * @returns `{ ok: true, value }` with the schema's output (defaults and transforms applied), or
 * `{ ok: false, issues }`.
 * @throws TypeError when `schema` is not a Standard Schema v1; whatever the validator itself throws.
 *
 * @example
 * ```ts
 * const result = await validateSchema(z.object({ id: z.string() }), { id: 1 });
 * if (!result.ok) console.log(formatIssues(result.issues)); // ["id: Invalid input: expected string, received number"]
 * ```
 */
export async function validateSchema<Schema extends StandardSchemaV1>(
  schema: Schema,
  value: unknown,
): Promise<SchemaValidation<StandardSchemaV1.InferOutput<Schema>>> {
  if (!isStandardSchema(schema)) {
    throw new TypeError(`Expected a Standard Schema v1 validator (with "~standard"), got ${typeof schema}`);
  }
  const result = await schema["~standard"].validate(value);
  if (result.issues) return { ok: false, issues: result.issues };
  return { ok: true, value: result.value as StandardSchemaV1.InferOutput<Schema> };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Renders an issue path as `orders[0].order_id`; an empty or missing path renders as `(root)`.
 *
 * @example
 * ```ts
 * formatIssuePath(["orders", 0, { key: "id" }]); // "orders[0].id"
 * ```
 */
export function formatIssuePath(path: StandardSchemaV1.Issue["path"]): string {
  if (!path || path.length === 0) return "(root)";
  let text = "";
  for (const segment of path) {
    const key = typeof segment === "object" && segment !== null ? segment.key : segment;
    if (typeof key === "number") text += `[${key}]`;
    else if (typeof key === "string" && IDENTIFIER.test(key)) text += text === "" ? key : `.${key}`;
    else text += `[${typeof key === "string" ? JSON.stringify(key) : String(key)}]`;
  }
  return text;
}

/**
 * Renders each issue as `path: message`.
 *
 * @example
 * ```ts
 * formatIssues([{ message: "Required", path: ["name"] }]); // ["name: Required"]
 * ```
 */
export function formatIssues(issues: readonly StandardSchemaV1.Issue[]): string[] {
  return issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
}
