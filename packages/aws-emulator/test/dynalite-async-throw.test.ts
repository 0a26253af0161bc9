import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("./fixtures/dynalite-async-throw.ts", import.meta.url));

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, ["--import", "tsx", "--conditions=probity-source", SCRIPT, ...args], {
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe("dynalite throwing from a later callback", () => {
  it("answers the request with 500 InternalServerError when the host survives uncaught exceptions", () => {
    const { status, stdout } = run("--survive");
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      status: 500,
      body: {
        __type: "com.amazonaws.dynamodb.v20120810#InternalServerError",
        message: "The server encountered an internal error trying to fulfill the request.",
      },
      logged: ["Error: async dynalite failure"],
      uncaught: ["Error: async dynalite failure"],
      pending: 0,
    });
  });

  it("leaves the crash to Node when the host has no uncaught-exception handler", () => {
    const { status, stdout, stderr } = run();
    expect(status).not.toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toContain("async dynalite failure");
  });
});
