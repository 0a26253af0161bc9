/**
 * Runs node in a child process from the repository's root with probity's packages loaded from their
 * TypeScript sources (tsx and the `probity-source` condition), as the runner tests (`node --test`, jest)
 * need: they run outside vitest, which resolves the sources for everything else.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../../../..", import.meta.url));

/** How the child ended and what it wrote. */
export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node --import tsx --conditions=probity-source ...args`, run to its end. */
export function runNodeFromSource(args: readonly string[]): Promise<Finished> {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=probity-source", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_OPTIONS: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
