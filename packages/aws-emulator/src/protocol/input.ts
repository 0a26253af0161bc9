/**
 * @module protocol/input
 * Typed reads of decoded action input with AWS's errors: `MissingParameter` when a required member is
 * absent, `InvalidParameterValue` when a member has the wrong type.
 */

import { AwsServiceError } from "../errors.js";
import type { ActionInput } from "./service.js";

function invalid(name: string, value: unknown): AwsServiceError {
  return new AwsServiceError(
    "InvalidParameterValue",
    `Value ${typeof value === "object" ? JSON.stringify(value) : String(value)} for parameter ${name} is invalid.`,
  );
}

/** A required string member. @throws AwsServiceError `MissingParameter`, `InvalidParameterValue`. */
export function requiredString(input: ActionInput, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === "") {
    throw new AwsServiceError("MissingParameter", `The request must contain the parameter ${name}.`);
  }
  if (typeof value !== "string") throw invalid(name, value);
  return value;
}

/** An optional string member. @throws AwsServiceError `InvalidParameterValue`. */
export function optionalString(input: ActionInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(name, value);
  return value;
}

/** An optional integer member. @throws AwsServiceError `InvalidParameterValue`. */
export function optionalInteger(input: ActionInput, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw invalid(name, value);
  return value;
}

/** An optional list of strings. @throws AwsServiceError `InvalidParameterValue`. */
export function optionalStringList(input: ActionInput, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) throw invalid(name, value);
  return value as string[];
}

/** An optional map of strings. @throws AwsServiceError `InvalidParameterValue`. */
export function optionalStringMap(input: ActionInput, name: string): Record<string, string> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw invalid(name, value);
  for (const item of Object.values(value)) if (typeof item !== "string") throw invalid(name, value);
  return value as Record<string, string>;
}

/** An optional map or list of objects. @throws AwsServiceError `InvalidParameterValue`. */
export function optionalObjectMap(input: ActionInput, name: string): Record<string, ActionInput> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw invalid(name, value);
  for (const item of Object.values(value)) {
    if (typeof item !== "object" || item === null || Array.isArray(item)) throw invalid(name, value);
  }
  return value as Record<string, ActionInput>;
}

/** An optional list of objects. @throws AwsServiceError `InvalidParameterValue`. */
export function optionalObjectList(input: ActionInput, name: string): ActionInput[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (
    !Array.isArray(value) ||
    !value.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))
  ) {
    throw invalid(name, value);
  }
  return value as ActionInput[];
}
