import { connect } from "node:net";
import { reserveEndpoint } from "probity-aws-emulator/reserve";
import { describe, expect, it, vi } from "vitest";
import { startBackend } from "./global-setup.js";

describe("the global setup's backend start", () => {
  it("releases the reserved endpoint, resetting waiting connections, when the backend cannot start", async () => {
    const reservation = await reserveEndpoint();
    // A service already talking to the endpoint (its first request waits on the paused socket).
    const socket = connect(reservation.port, reservation.host);
    socket.on("error", () => undefined);
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    vi.stubEnv("PROBITY_TIME_SCALE", "0.5");
    try {
      await expect(
        startBackend("embedded", Promise.resolve(reservation), import("./backend-entry.js")),
      ).rejects.toThrow("Expected PROBITY_TIME_SCALE to be a number >= 1, got 0.5");
    } finally {
      vi.unstubAllEnvs();
    }
    expect(reservation.settled).toBe(true);
    await closed; // the waiting connection was reset, not left hanging
  });
});
