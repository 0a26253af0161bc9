/**
 * @module inspection/version
 * The package version, read once from package.json (same relative path from `src/` and `dist/`).
 */

import { readFileSync } from "node:fs";

let cached: string | undefined;

/**
 * The emulator's version (`package.json` `version`), or `"0.0.0"` when it cannot be read.
 * @example
 * ```ts
 * console.log(emulatorVersion()); // "0.1.0"
 * ```
 */
export function emulatorVersion(): string {
  if (cached !== undefined) return cached;
  try {
    const parsed: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    const version = (parsed as { version?: unknown }).version;
    cached = typeof version === "string" ? version : "0.0.0";
  } catch {
    cached = "0.0.0";
  }
  return cached;
}
