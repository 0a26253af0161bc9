/**
 * @module inspection/version
 * The package version, read once from package.json: next to `src/` and `dist/` (`../../package.json`),
 * else (bundled into someone else's file, as the customers example bundles its backends) wherever
 * `probity-aws-emulator` resolves from that file.
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const PACKAGE_NAME = "probity-aws-emulator";

let cached: string | undefined;

/** The version in the package.json at `path`, when that is this package's; else undefined. */
function versionAt(path: string | URL): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { name?: unknown; version?: unknown };
    return parsed.name === PACKAGE_NAME && typeof parsed.version === "string" ? parsed.version : undefined;
  } catch {
    return undefined;
  }
}

function resolvedPackageJson(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(`${PACKAGE_NAME}/package.json`);
  } catch {
    return undefined;
  }
}

/**
 * The emulator's version (`package.json` `version`), or `"0.0.0"` when it cannot be read.
 * @example
 * ```ts
 * console.log(emulatorVersion()); // "0.1.0"
 * ```
 */
export function emulatorVersion(): string {
  if (cached !== undefined) return cached;
  const resolved = (): string | undefined => {
    const path = resolvedPackageJson();
    return path === undefined ? undefined : versionAt(path);
  };
  cached = versionAt(new URL("../../package.json", import.meta.url)) ?? resolved() ?? "0.0.0";
  return cached;
}
