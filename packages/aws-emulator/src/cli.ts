/**
 * @module cli
 * Entry point of `probity-aws`: runs the embedded AWS emulator as a standalone server. Run directly
 * (`node --import tsx --conditions=probity-source src/cli.ts`) or through `bin/probity-aws.js`.
 */

import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { processIo, runCli } from "./cli/run.js";

/**
 * Runs the CLI on this process's arguments and exits with its code.
 * @example
 * ```ts
 * await runCliProcess();
 * ```
 */
export async function runCliProcess(argv: readonly string[] = process.argv.slice(2)): Promise<never> {
  const code = await runCli(argv, processIo());
  // Exit explicitly: nothing the emulator started may keep the process alive after a clean stop.
  process.exit(code);
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) await runCliProcess();
