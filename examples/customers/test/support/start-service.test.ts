import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import { startService } from "./start-service.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

// Each test runs its own child process: concurrent, they share the ~100 ms a node process takes to boot.
describe.concurrent("startService", () => {
  it("resolves with the URL of the readiness line when the child prints it", async ({ expect }) => {
    const service = await startService(fixture("ready-service.mjs"), {});
    try {
      expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(service.url)).text()).toBe("ok");
    } finally {
      expect(await service.stop()).toBe(0);
    }
    expect(service.stderr()).toContain("booting with PROBITY_FIXTURE=");
  });

  it("rejects with the child's stderr when the child exits before it is ready", async ({ expect }) => {
    await expect(startService(fixture("crashing-service.mjs"), {})).rejects.toThrow(
      /exited \(code 3.*before it was ready[\s\S]*ECONNREFUSED/,
    );
  });

  it("passes env to the child and stops idempotently when env is given and stop is called twice", async ({
    expect,
  }) => {
    const service = await startService(fixture("ready-service.mjs"), { PROBITY_FIXTURE: "hello" });
    expect(await service.stop()).toBe(0);
    expect(await service.stop()).toBe(0);
    expect(service.stderr()).toContain("PROBITY_FIXTURE=hello");
  });
});
