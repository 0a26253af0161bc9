/**
 * Runs `node-test.example.ts`, the README's node:test example, with node's own test runner in a child
 * process (on the backend `PROBITY_BACKEND` names, the embedded emulator by default).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const EXAMPLE = fileURLToPath(new URL("./node-test.example.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../../..", import.meta.url));

interface Finished {
  code: number | null;
  output: string;
}

function runNodeTest(file: string): Promise<Finished> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=probity-source", "--test", "--test-reporter=tap", file],
    { cwd: REPO_ROOT, env: { ...process.env, NODE_OPTIONS: "" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (chunk: Buffer): void => {
    output += chunk.toString("utf8");
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

describe("the README's node:test example", () => {
  it("passes under node --test, with the client and backends and no vitest", async () => {
    const { code, output } = await runNodeTest(EXAMPLE);
    expect(output).toMatch(/^# pass 1$/m);
    expect(output).toMatch(/^# fail 0$/m);
    expect(code, output).toBe(0);
  }, 60_000);
});
