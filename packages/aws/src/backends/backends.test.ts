import { createServer as createHttpServer } from "node:http";
import { type AddressInfo, createServer } from "node:net";
import { ListSubscriptionsCommand, ListTopicsCommand, SNSClient } from "@aws-sdk/client-sns";
import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { deferred, probeUntil } from "probity";
import { reserveEndpoint } from "probity-aws-emulator/reserve";
import { describe, expect, it, vi } from "vitest";
import { SnsSqsTestClient } from "../client/sns-sqs-test-client.js";
import { BackendUnavailableError } from "../errors.js";
import { aws, runPrefix } from "./aws.js";
import { backends } from "./backends.js";
import { dockerUnavailableReason } from "./docker.js";
import { fromEnv } from "./from-env.js";
import { localstack } from "./localstack.js";
import { remote } from "./remote.js";

/** A loopback port nobody listens on (bound, read, released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

const dockerReason = await dockerUnavailableReason();

describe("localstack", () => {
  it.skipIf(dockerReason === undefined)(
    "rejects with BackendUnavailableError when no Docker engine answers",
    async () => {
      const error = await localstack().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackendUnavailableError);
      expect((error as BackendUnavailableError).reason).toMatch(/^Docker not available/);
    },
  );

  it("reports the unreachable Docker host when DOCKER_HOST points nowhere", async () => {
    const port = await closedPort();
    const reason = await dockerUnavailableReason({ DOCKER_HOST: `tcp://127.0.0.1:${port}` });
    expect(reason).toMatch(new RegExp(`^Docker not available: 127\\.0\\.0\\.1:${port}`));
  });

  it("rejects with the signal's reason when the signal is already aborted", async () => {
    const reason = new Error("stop");
    await expect(localstack({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});

describe("embedded with a reservation", () => {
  it("answers the connections that waited on the reserved port when it starts", async () => {
    const reservation = await reserveEndpoint();
    const sqs = new SQSClient({
      endpoint: reservation.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    try {
      const early = sqs.send(new ListQueuesCommand({}));
      await probeUntil(() => expect(reservation.waiting).toBe(1), { timeout: 5_000 });

      await using backend = await backends.embedded({ reservation });

      expect(backend.endpoint).toBe(reservation.endpoint);
      expect((await early).QueueUrls ?? []).toEqual([]);
    } finally {
      sqs.destroy();
    }
  });

  it("releases the reservation when the start fails", async () => {
    const reservation = await reserveEndpoint();
    const reason = new Error("stop");
    await expect(backends.embedded({ reservation, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(reservation.settled).toBe(true);
    await (await reserveEndpoint({ port: reservation.port })).release(); // the port is free again
  });

  it("rejects with a TypeError when given a port too", async () => {
    const reservation = await reserveEndpoint();
    await expect(backends.embedded({ reservation, port: 0 })).rejects.toThrow(
      "Expected either `reservation` or `port`",
    );
  });
});

describe("aws", () => {
  it("rejects with BackendUnavailableError when PROBITY_AWS_LIVE is not 1", async () => {
    const error = await aws({ env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as BackendUnavailableError).reason).toContain("PROBITY_AWS_LIVE=1");
  });

  it("prefixes every name once when live", async () => {
    const backend = await aws({ env: { PROBITY_AWS_LIVE: "1" }, prefix: "run1-", region: "eu-west-1" });
    expect(backend.qualify("orders")).toBe("run1-orders");
    expect(backend.qualify("run1-orders")).toBe("run1-orders");
    expect(backend.capabilities.live).toBe(true);
    expect(backend.clientConfig).toEqual({ region: "eu-west-1" });
    await backend.dispose();
  });

  it("deletes the subscriptions, topics and queues its client created when disposed", async () => {
    // The embedded emulator stands in for AWS, found the way the SDK finds any endpoint: the environment.
    await using emulator = await backends.embedded();
    vi.stubEnv("AWS_ENDPOINT_URL", emulator.endpoint);
    vi.stubEnv("AWS_ACCESS_KEY_ID", "test");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "test");
    try {
      const live = await aws({ env: { PROBITY_AWS_LIVE: "1" }, prefix: "run2-", region: "us-east-1" });
      const bus = await SnsSqsTestClient.connect(live);
      await bus.subscribeTo({ topic: "orders", queue: "orders", dlq: { name: "orders--dlq", maxReceiveCount: 3 } });
      bus.close();
      const sqs = new SQSClient(emulator.clientConfig);
      const sns = new SNSClient(emulator.clientConfig);
      expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls).toHaveLength(2);

      await live.dispose();

      expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
      expect((await sns.send(new ListTopicsCommand({}))).Topics ?? []).toEqual([]);
      expect((await sns.send(new ListSubscriptionsCommand({}))).Subscriptions ?? []).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("makes a different prefix when called twice", () => {
    expect(runPrefix()).not.toBe(runPrefix());
  });
});

describe("remote", () => {
  it("warns once that waits will poll when an endpoint said to have events has no event stream", async () => {
    // Anything that answers 404 on /_probity/events, as LocalStack does.
    const server = createHttpServer((_request, response) => response.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const warned = deferred<string>();
    const warnings: string[] = [];
    const backend = remote({
      endpoint: `http://127.0.0.1:${port}`,
      capabilities: { events: true },
      warn: (message) => {
        warnings.push(message);
        warned.resolve(message);
      },
    });
    try {
      backend.subscribe?.(() => undefined);
      expect(await warned.promise).toBe(
        `probity-aws: GET http://127.0.0.1:${port}/_probity/events?type=sqs.* answered 404 Not Found: no event stream there; waits poll`,
      );
      backend.subscribe?.(() => undefined);
      expect(warnings).toHaveLength(1);
    } finally {
      await backend.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("gives SDK config with a copy of the credentials when given an endpoint", () => {
    const backend = remote({ endpoint: "http://127.0.0.1:4566", name: "localstack" });
    expect(backend.clientConfig).toEqual({
      endpoint: "http://127.0.0.1:4566",
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    expect(backend.name).toBe("localstack");
  });

  it("throws a TypeError naming the endpoint when it is not an http URL", () => {
    expect(() => remote({ endpoint: "localhost:4566" })).toThrow(
      'Expected `endpoint` to be an http(s) URL, got "localhost:4566"',
    );
  });
});

describe("fromEnv", () => {
  it("throws a TypeError listing the names when PROBITY_BACKEND is unknown", async () => {
    await expect(fromEnv({ PROBITY_BACKEND: "kafka" })).rejects.toThrow(
      'Expected PROBITY_BACKEND to be one of embedded, moto, localstack, aws, remote, got "kafka"',
    );
  });

  it("returns a remote backend when PROBITY_BACKEND is remote", async () => {
    const backend = await fromEnv({ PROBITY_BACKEND: "remote", PROBITY_AWS_ENDPOINT: "http://127.0.0.1:9" });
    expect(backend.endpoint).toBe("http://127.0.0.1:9");
  });

  it("rejects when PROBITY_BACKEND is aws without opting in", async () => {
    await expect(fromEnv({ PROBITY_BACKEND: "aws" })).rejects.toThrow(BackendUnavailableError);
  });

  it("offers every factory when used through the facade", () => {
    expect(Object.keys(backends).sort()).toEqual(["aws", "embedded", "fromEnv", "localstack", "moto", "remote"]);
  });
});

describe("SnsSqsTestClient.connect", () => {
  it("rejects with BackendUnavailableError naming the endpoint when nothing listens", async () => {
    const port = await closedPort();
    const backend = remote({ endpoint: `http://127.0.0.1:${port}`, name: "nowhere" });
    const error = await SnsSqsTestClient.connect(backend).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toContain(`nowhere (http://127.0.0.1:${port})`);
  });

  it("throws a TypeError when pageSize is out of range", async () => {
    await expect(SnsSqsTestClient.connect(remote({ endpoint: "http://127.0.0.1:9" }), { pageSize: 0 })).rejects.toThrow(
      "Expected `pageSize` to be an integer from 1 to 1000, got 0",
    );
  });
});
