/**
 * Runs the README's jest example (`jest/`) with jest itself in a child process, ESM under
 * `--experimental-vm-modules`, on the backend `PROBITY_BACKEND` names (the embedded emulator by default).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CONFIG = fileURLToPath(new URL("./jest/jest.repo.config.mjs", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../../..", import.meta.url));
const JEST = fileURLToPath(new URL("../../../../node_modules/jest/bin/jest.js", import.meta.url));

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What `jest --json` reports (the fields asserted on). */
interface JestReport {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numTotalTestSuites: number;
}

function runJest(config: string): Promise<Finished> {
  // tsx and the `probity-source` condition let the global setup (loaded by node, not by jest's resolver)
  // import probity-aws from its TypeScript sources; users of the published package need neither.
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=probity-source",
      "--experimental-vm-modules",
      JEST,
      "--config",
      config,
      "--json",
      "--ci",
    ],
    { cwd: REPO_ROOT, env: { ...process.env, NODE_OPTIONS: "" }, stdio: ["ignore", "pipe", "pipe"] },
  );
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

describe("the README's jest example", () => {
  it("passes under jest with the global setup's backend handed to the workers", async () => {
    const { code, stdout, stderr } = await runJest(CONFIG);
    const report = JSON.parse(stdout) as JestReport;
    expect(report, stderr).toMatchObject({
      success: true,
      numTotalTestSuites: 2,
      numTotalTests: 3,
      numPassedTests: 3,
      numFailedTests: 0,
    });
    expect(code, stderr).toBe(0);
  }, 60_000);
});
