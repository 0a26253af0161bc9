/**
 * @module shared/http-errors
 * JSON error bodies shared by both HTTP APIs: `{ "error": "<CODE>", "message"?: "…" }`.
 */
import type { Context } from "hono";
import { isRecord } from "./json-base.js";

/**
 * Reads the request body as a JSON object, or returns a 400 response to send instead.
 *
 * @returns The object, or a `Response` with `{ "error": "INVALID_JSON" }`.
 */
export async function readJsonObject(c: Context): Promise<Record<string, unknown> | Response> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return c.json({ error: "INVALID_JSON", message: "the request body is not valid JSON" }, 400);
  }
  if (!isRecord(body)) return c.json({ error: "INVALID_JSON", message: "the request body must be a JSON object" }, 400);
  return body;
}

/**
 * The `onError` handler of both apps: logs and answers 500 `{ "error": "INTERNAL_ERROR" }`.
 * @internal
 */
export function internalError(error: Error, c: Context): Response {
  console.error(`${c.req.method} ${c.req.path} failed:`, error);
  return c.json({ error: "INTERNAL_ERROR" }, 500);
}
