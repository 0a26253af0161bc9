import { describe, expect, it } from "vitest";
import { VirtualEmulatorClock } from "./clock.js";
import { DEFAULT_AWS_EMULATOR_OPTIONS, resolveAwsEmulatorOptions, startAwsEmulator } from "./emulator.js";

describe("resolveAwsEmulatorOptions", () => {
  it("returns the defaults when no options are given", () => {
    expect(resolveAwsEmulatorOptions()).toEqual(DEFAULT_AWS_EMULATOR_OPTIONS);
    expect(resolveAwsEmulatorOptions({ port: undefined }).port).toBe(0);
  });

  it.each([
    [{ port: -1 }, /port/],
    [{ port: 1.5 }, /port/],
    [{ host: "" }, /host/],
    [{ region: "US EAST" }, /region/],
    [{ accountId: "123" }, /accountId/],
    [{ maxBodyBytes: 10 }, /maxBodyBytes/],
  ])("throws a TypeError naming the option when given %o", (options, pattern) => {
    expect(() => resolveAwsEmulatorOptions(options)).toThrow(pattern);
  });
});

describe("startAwsEmulator", () => {
  it("listens on a free loopback port and stops idempotently when disposed", async () => {
    const clock = new VirtualEmulatorClock();
    let endpoint: string;
    {
      await using aws = await startAwsEmulator({ port: 0, clock, accountId: "111122223333", region: "eu-central-1" });
      endpoint = aws.endpoint;
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(aws.clock).toBe(clock);
      expect([aws.accountId, aws.region]).toEqual(["111122223333", "eu-central-1"]);
      const health = await fetch(`${endpoint}/_probity/health`);
      expect(health.status).toBe(200);
      await aws.stop();
    }
    await expect(fetch(`${endpoint}/_probity/health`)).rejects.toThrow();
  });

  it("rejects a timeScale combined with a virtual clock", async () => {
    await expect(startAwsEmulator({ clock: "virtual", timeScale: 10 })).rejects.toThrow(/timeScale/);
  });
});
