/**
 * Runs `node-test.example.ts`, the README's node:test example, with node's own test runner in a child
 * process (on the backend `PROBITY_BACKEND` names, the embedded emulator by default).
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runNodeFromSource } from "./run-from-source.js";

const EXAMPLE = fileURLToPath(new URL("./node-test.example.ts", import.meta.url));

describe("the README's node:test example", () => {
  it("passes under node --test, with the client and backends and no vitest", async () => {
    const { code, stdout, stderr } = await runNodeFromSource(["--test", "--test-reporter=tap", EXAMPLE]);
    const output = stdout + stderr;
    expect(output).toMatch(/^# pass 1$/m);
    expect(output).toMatch(/^# fail 0$/m);
    expect(code, output).toBe(0);
  }, 60_000);
});
