/**
 * @module bench/sqs/null-server
 * The client ceiling: a node:http server that answers every AWS JSON 1.0 `SendMessage` or
 * `SendMessageBatch` with the smallest reply the SDK accepts (it verifies `MD5OfMessageBody`, so the
 * server parses the body and hashes each `MessageBody`), stores nothing and does no routing. The SDK
 * client cannot send faster than this server lets it, so `emulator rate ÷ null-server rate` says how close
 * the emulator comes to making the client the bottleneck. Hosted in its own process by bench/sqs/serve.mjs.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const md5 = (text: string): string => createHash("md5").update(text, "utf8").digest("hex");

function answer(target: string | undefined, body: string): string {
  const input = JSON.parse(body) as { MessageBody?: string; Entries?: { Id: string; MessageBody: string }[] };
  if (target === "AmazonSQS.SendMessageBatch") {
    const Successful = (input.Entries ?? []).map((entry) => ({
      Id: entry.Id,
      MessageId: randomUUID(),
      MD5OfMessageBody: md5(entry.MessageBody),
    }));
    return JSON.stringify({ Successful, Failed: [] });
  }
  if (target === "AmazonSQS.SendMessage") {
    return JSON.stringify({ MessageId: randomUUID(), MD5OfMessageBody: md5(input.MessageBody ?? "") });
  }
  // CreateQueue (and anything else the warm-up asks): a fixed queue URL.
  return JSON.stringify({ QueueUrl: "http://127.0.0.1/000000000000/null" });
}

/**
 * Starts the null server on 127.0.0.1.
 * @param options - `port` 0 picks a free port.
 * @returns its endpoint and `stop()`.
 */
export async function startNullSqsServer(options: { port: number }): Promise<{
  endpoint: string;
  stop(): Promise<void>;
}> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const target = request.headers["x-amz-target"];
      const reply = answer(typeof target === "string" ? target : undefined, Buffer.concat(chunks).toString("utf8"));
      response.writeHead(200, {
        "content-type": "application/x-amz-json-1.0",
        "x-amzn-requestid": randomUUID(),
        "content-length": String(Buffer.byteLength(reply)),
      });
      response.end(reply);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
