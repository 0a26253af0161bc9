import { deferred } from "probity";
import { describe, expect, it } from "vitest";
import { openServiceGate, passServiceGate, type ServiceUrls } from "./support/service-gate.js";

const URLS: ServiceUrls = { customersUrl: "http://127.0.0.1:1001", ordersUrl: "http://127.0.0.1:1002" };

describe("service gate", () => {
  it("answers a waiting test with the URLs when the services become ready after it asked", async () => {
    const ready = deferred<ServiceUrls>();
    const gate = await openServiceGate(ready.promise);
    try {
      const passing = passServiceGate(gate.url);
      ready.resolve(URLS);
      await expect(passing).resolves.toEqual(URLS);
      await expect(passServiceGate(gate.url)).resolves.toEqual(URLS);
    } finally {
      await gate.close();
    }
  });

  it("fails with the service's error when a service cannot start", async () => {
    const gate = await openServiceGate(Promise.reject(new Error("customers exited (code 1): no table")));
    try {
      await expect(passServiceGate(gate.url)).rejects.toThrow("the services are not ready: customers exited (code 1)");
    } finally {
      await gate.close();
    }
  });
});
