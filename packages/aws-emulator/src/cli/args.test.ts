import { describe, expect, it } from "vitest";
import { CLI_HELP, CliUsageError, DEFAULT_CLI_OPTIONS, parseCliArgs } from "./args.js";

function usage(argv: string[]): string {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as Error).message;
  }
  throw new Error("expected a usage error");
}

describe("parseCliArgs", () => {
  it("returns the defaults when no flag is given", () => {
    expect(parseCliArgs([])).toEqual({ kind: "run", options: DEFAULT_CLI_OPTIONS });
    expect(DEFAULT_CLI_OPTIONS).toMatchObject({ host: "127.0.0.1", port: 4566, region: "us-east-1" });
  });

  it("reads every flag when all are given", () => {
    const command = parseCliArgs([
      "--host=0.0.0.0",
      "--port",
      "0",
      "--region",
      "eu-west-1",
      "--account-id",
      "111122223333",
      "--time-scale",
      "100",
      "--init",
      "topology.json",
      "--verbose",
    ]);
    expect(command).toEqual({
      kind: "run",
      options: {
        host: "0.0.0.0",
        port: 0,
        region: "eu-west-1",
        accountId: "111122223333",
        clock: "real",
        timeScale: 100,
        init: "topology.json",
        verbose: true,
      },
    });
    expect(parseCliArgs(["--clock", "virtual"])).toMatchObject({ options: { clock: "virtual" } });
  });

  it("returns help and version commands when asked", () => {
    expect(parseCliArgs(["--help", "--port", "x"])).toEqual({ kind: "help" });
    expect(parseCliArgs(["--version"])).toEqual({ kind: "version" });
  });

  it("names the flag when a flag is unknown, lacks a value or has a bad value", () => {
    expect(usage(["--bogus"])).toBe("unknown flag --bogus (see --help)");
    expect(usage(["--port"])).toBe("--port needs a value (see --help)");
    expect(usage(["--port", "70000"])).toBe('--port must be an integer 0-65535, got "70000"');
    expect(usage(["--port", "12a"])).toMatch(/^--port must be an integer/);
    expect(usage(["--time-scale", "0"])).toBe('--time-scale must be a number > 0, got "0"');
    expect(usage(["--time-scale", "fast"])).toMatch(/^--time-scale/);
    expect(usage(["--clock", "slow"])).toBe('--clock must be "real" or "virtual", got "slow"');
    expect(usage(["--account-id", "123"])).toBe('--account-id must be 12 digits, got "123"');
    expect(usage(["--region", "US East"])).toMatch(/^--region/);
    expect(usage(["--verbose=yes"])).toBe("--verbose does not take a value (see --help)");
    expect(usage(["serve"])).toBe('unexpected argument "serve" (see --help)');
    expect(usage(["--clock", "virtual", "--time-scale", "10"])).toMatch(/real clock only/);
  });
});

describe("CLI_HELP", () => {
  it("documents every flag", () => {
    for (const flag of ["--host", "--port", "--region", "--account-id", "--time-scale", "--clock", "--init"]) {
      expect(CLI_HELP).toContain(flag);
    }
    for (const flag of ["--verbose", "--help", "--version"]) expect(CLI_HELP).toContain(flag);
  });
});
