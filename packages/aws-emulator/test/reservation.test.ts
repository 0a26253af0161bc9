/**
 * Reserving the endpoint before the emulator loads: connections wait on the bound port, whole, and are
 * answered once the emulator takes the reservation over; released, they are closed and the port is free.
 */
import { createServer } from "node:http";
import { connect } from "node:net";
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { probeUntil } from "probity";
import { type EndpointReservation, reserveEndpoint, startAwsEmulator } from "probity-aws-emulator";
import { describe, expect, it } from "vitest";

function sqsFor(endpoint: string): SQSClient {
  return new SQSClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
}

/** Resolves once `count` connections wait on the reservation (accepted, nothing read yet). */
function waitingConnections(reservation: EndpointReservation, count: number): Promise<void> {
  return probeUntil(() => expect(reservation.waiting).toBe(count), { timeout: 5_000 });
}

describe("reserveEndpoint", () => {
  it("answers a request sent before the emulator started when the emulator takes the reservation over", async () => {
    const reservation = await reserveEndpoint();
    const sqs = sqsFor(reservation.endpoint);
    const early = sqs.send(new CreateQueueCommand({ QueueName: "early" }));
    await waitingConnections(reservation, 1);

    const aws = await startAwsEmulator({ reservation });

    expect((await early).QueueUrl).toBe(`${reservation.endpoint}/000000000000/early`);
    expect(aws.endpoint).toBe(reservation.endpoint);
    expect((await sqs.send(new CreateQueueCommand({ QueueName: "later" }))).QueueUrl).toMatch(/\/later$/);
    expect(aws.sqs.queues().map((queue) => queue.name)).toEqual(["early", "later"]);
    // Stopping closes the connections it was handed, the SDK's kept-alive one too (or this would hang).
    await aws.stop();
    sqs.destroy();
  });

  it("closes the waiting connections and frees the port when released before a take-over", async () => {
    const reservation = await reserveEndpoint();
    const socket = connect(reservation.port, reservation.host);
    socket.on("error", () => undefined);
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    await waitingConnections(reservation, 1);

    await reservation.release();

    await closed;
    expect(reservation.settled).toBe(true);
    const again = await reserveEndpoint({ port: reservation.port });
    await again.release();
  });

  it("enforces the taking server's headers timeout on connections it was handed", async () => {
    const reservation = await reserveEndpoint();
    // Checks every 20 ms for headers that took over 100 ms (Node's defaults: 30 s and 60 s).
    const server = createServer({ connectionsCheckingInterval: 20, headersTimeout: 100 }, (_, response) =>
      response.end(),
    );
    const slow = connect(reservation.port, reservation.host);
    let answer = "";
    slow.on("data", (chunk: Buffer) => {
      answer += chunk.toString("utf8");
    });
    const closed = new Promise<void>((resolve) => slow.once("close", () => resolve()));
    slow.write("GET / HTTP/1.1\r\nhost: x\r\n"); // headers that never end
    await waitingConnections(reservation, 1);

    reservation.takeOver(server);

    await closed; // without the check started, it would stay open
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    server.close();
    await reservation.release();
  });

  it("frees the port when the emulator that took it over stops", async () => {
    const reservation = await reserveEndpoint();
    const aws = await startAwsEmulator({ reservation });
    await aws.stop();
    const again = await reserveEndpoint({ port: reservation.port });
    await again.release();
  });

  it("rejects with a TypeError when a reservation comes with a port, or was already taken over", async () => {
    const reservation = await reserveEndpoint();
    try {
      await expect(startAwsEmulator({ reservation, port: 0 })).rejects.toThrow(
        "Expected either `reservation` or `port`/`host`, got both",
      );
      await using _aws = await startAwsEmulator({ reservation });
      await expect(startAwsEmulator({ reservation })).rejects.toThrow(
        `Expected a reservation still waiting, got one of ${reservation.endpoint} already taken over or released`,
      );
    } finally {
      await reservation.release();
    }
  });
});
