/**
 * An oversized body is answered with 413 at once but still read to its end on a connection kept open,
 * so a client that is still writing gets the answer (not an EPIPE) and can reuse the connection.
 */
import { connect, type Socket } from "node:net";
import { deferred } from "probity";
import { type AwsEmulator, startAwsEmulator } from "probity-aws-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const LIMIT = 1_024;
let aws: AwsEmulator;

beforeAll(async () => {
  aws = await startAwsEmulator({ port: 0, maxBodyBytes: LIMIT });
});

afterAll(async () => {
  await aws.stop();
});

/** Everything the socket receives, and a way to wait until it contains a text. */
function reader(socket: Socket): { text(): string; until(pattern: RegExp): Promise<string> } {
  let received = "";
  const waiters: { pattern: RegExp; done: ReturnType<typeof deferred<string>> }[] = [];
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString("latin1");
    for (const waiter of waiters) if (waiter.pattern.test(received)) waiter.done.resolve(received);
  });
  return {
    text: () => received,
    until(pattern) {
      const done = deferred<string>();
      if (pattern.test(received)) done.resolve(received);
      else waiters.push({ pattern, done });
      return done.wait({ timeout: 5_000 });
    },
  };
}

describe("oversized bodies", () => {
  it("answers 413 while the client is still writing and keeps the connection usable", async () => {
    const { port } = new URL(aws.endpoint);
    const socket = connect(Number(port), "127.0.0.1");
    const errors: Error[] = [];
    socket.on("error", (error) => errors.push(error));
    const received = reader(socket);
    try {
      const total = LIMIT * 64;
      socket.write(
        `POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: ${total}\r\n\r\n`,
      );
      socket.write("a".repeat(LIMIT * 2)); // over the limit: the answer comes now…
      await received.until(/\r\n\r\n[\s\S]*<\/ErrorResponse>/);
      socket.write("a".repeat(total - LIMIT * 2)); // …and the rest of the body is still taken
      socket.write("GET /_probity/health HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n");
      const text = await received.until(/HTTP\/1\.1 200/);

      expect(text).toMatch(/^HTTP\/1\.1 413 /);
      expect(text).toContain("<Code>RequestEntityTooLarge</Code>");
      expect(errors).toEqual([]);
    } finally {
      socket.destroy();
    }
  });
});
