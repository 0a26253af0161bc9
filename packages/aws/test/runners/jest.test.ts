/**
 * Runs the README's jest example (`jest/`) with jest itself in a child process, ESM under
 * `--experimental-vm-modules`, on the backend `PROBITY_BACKEND` names (the embedded emulator by default).
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Finished, runNodeFromSource } from "./run-from-source.js";

const CONFIG = fileURLToPath(new URL("./jest/jest.repo.config.mjs", import.meta.url));
const JEST = fileURLToPath(new URL("../../../../node_modules/jest/bin/jest.js", import.meta.url));

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
  return runNodeFromSource(["--experimental-vm-modules", JEST, "--config", config, "--json", "--ci"]);
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
