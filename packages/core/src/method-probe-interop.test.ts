import { describe, expect, it, vi } from "vitest";
import { probeMethod } from "./method-probe.js";

class Mailer {
  async send(to: string): Promise<string> {
    return `sent to ${to}`;
  }
}

describe("probeMethod with vi.spyOn", () => {
  it("records the spy's behaviour when the probe wraps an existing spy", async () => {
    const mailer = new Mailer();
    const spy = vi.spyOn(mailer, "send").mockResolvedValue("mocked");
    const probe = probeMethod(mailer, "send");

    await expect(mailer.send("ada@example.com")).resolves.toBe("mocked");

    const call = await probe.nextCall();
    expect(call).toMatchObject({ type: "returned", args: ["ada@example.com"], result: "mocked" });
    expect(spy).toHaveBeenCalledExactlyOnceWith("ada@example.com");

    probe.restore();
    expect(mailer.send).toBe(spy);
    spy.mockRestore();
    await expect(mailer.send("bob@example.com")).resolves.toBe("sent to bob@example.com");
  });

  it("still records calls when a spy is installed on top of the probe", async () => {
    const mailer = new Mailer();
    const probe = probeMethod(mailer, "send");
    const spy = vi.spyOn(mailer, "send");

    await expect(mailer.send("ada@example.com")).resolves.toBe("sent to ada@example.com");

    expect(spy).toHaveBeenCalledExactlyOnceWith("ada@example.com");
    expect((await probe.nextCall()).result).toBe("sent to ada@example.com");

    spy.mockRestore();
    probe.restore();
    expect(Object.hasOwn(mailer, "send")).toBe(false);
    await expect(mailer.send("bob@example.com")).resolves.toBe("sent to bob@example.com");
    expect(probe.callCount).toBe(1);
  });

  it("becomes a pass-through when restored while a spy still sits on top", async () => {
    const mailer = new Mailer();
    const probe = probeMethod(mailer, "send");
    const spy = vi.spyOn(mailer, "send");
    probe.restore();

    await mailer.send("ada@example.com");

    expect(spy).toHaveBeenCalledOnce();
    expect(probe.callCount).toBe(0);
    spy.mockRestore();
  });
});
