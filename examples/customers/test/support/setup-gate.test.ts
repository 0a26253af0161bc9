import { request } from "node:http";
import { deferred, probeUntil } from "probity";
import { describe, expect, it } from "vitest";
import { openSetupGate, passSetupGate } from "./setup-gate.js";

const URLS = { customersUrl: "http://127.0.0.1:1001", ordersUrl: "http://127.0.0.1:1002" };

describe("setup gate", () => {
  it("answers a waiting worker with the stage's value when the stage is done after it asked", async () => {
    const services = deferred<typeof URLS>();
    const gate = await openSetupGate({ services: services.promise });
    try {
      const passing = passSetupGate(gate.url, "services");
      services.resolve(URLS);
      await expect(passing).resolves.toEqual(URLS);
      await expect(passSetupGate(gate.url, "services")).resolves.toEqual(URLS);
    } finally {
      await gate.close();
    }
  });

  it("answers each stage on its own when an earlier stage is done and a later one is not", async () => {
    const services = deferred<typeof URLS>();
    const gate = await openSetupGate({
      backend: Promise.resolve({ endpoint: "http://127.0.0.1:4566" }),
      services: services.promise,
    });
    try {
      const waiting = passSetupGate(gate.url, "services");
      await expect(passSetupGate(gate.url, "backend")).resolves.toEqual({ endpoint: "http://127.0.0.1:4566" });
      services.resolve(URLS);
      await expect(waiting).resolves.toEqual(URLS);
    } finally {
      await gate.close();
    }
  });

  it("answers a waiting worker with an error and closes at once when the run ends first", async () => {
    const gate = await openSetupGate({ services: new Promise(() => {}) });
    // A raw request, so the test knows it reached the gate (its headers are read) before closing.
    const answer = new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
      const req = request(new URL("services", gate.url), (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => {
          body += chunk.toString("utf8");
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
      });
      req.on("error", reject);
      req.end();
    });
    await probeUntil(() => expect(gate.waiting).toBe(1));

    await gate.close();

    // "connection: close": the socket ends with the answer, so close() does not wait out a keep-alive.
    expect(await answer).toEqual({
      status: 503,
      connection: "close",
      body: JSON.stringify({ error: "the test run ended before the global setup got there" }),
    });
  });

  it("fails with the stage's error when a service cannot start", async () => {
    const gate = await openSetupGate({ services: Promise.reject(new Error("customers exited (code 1): no table")) });
    try {
      await expect(passSetupGate(gate.url, "services")).rejects.toThrow(
        "the global setup failed at services: customers exited (code 1)",
      );
    } finally {
      await gate.close();
    }
  });

  it("answers 404 when the stage is unknown", async () => {
    const gate = await openSetupGate({});
    try {
      const response = await fetch(new URL("nope", gate.url));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "NO_SUCH_STAGE" });
    } finally {
      await gate.close();
    }
  });
});
