import { createServer, type IncomingMessage, type Server } from "node:http";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { driveDynalite, dynaliteRequestOf, pendingDynaliteRequests } from "./dynalite-request.js";

function realDynalite(): Server {
  const create = createRequire(import.meta.url)("dynalite") as (options: object) => Server;
  return create({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
}

describe("driveDynalite", () => {
  it("answers dynalite's own reply when the request is valid", async () => {
    const answer = await driveDynalite(realDynalite(), dynaliteRequestOf("ListTables", "{}"), () => {});
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ TableNames: [] });
    expect(pendingDynaliteRequests()).toBe(0);
  });

  it("answers 500 InternalServerError when dynalite's validation overflows the stack", async () => {
    // The reproducer: dynalite's recursive type check throws a RangeError from its `end` callback, which it
    // rethrows (`throw err`). Through a Readable this was an uncaught exception and a request never answered.
    const deep = `${'{"L":['.repeat(5_000)}{"S":"x"}${"]}".repeat(5_000)}`;
    const errors: unknown[] = [];
    const answer = await driveDynalite(
      realDynalite(),
      dynaliteRequestOf("PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"v":${deep}}}`),
      (error) => errors.push(error),
    );
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body).__type).toBe("com.amazonaws.dynamodb.v20120810#InternalServerError");
    expect(errors).toEqual([expect.any(RangeError)]);
    expect(pendingDynaliteRequests()).toBe(0);
  });

  it("answers 500 when the request handler throws synchronously", async () => {
    const server = createServer((request: IncomingMessage) => {
      request.on("end", () => {
        throw new TypeError("dynalite bug");
      });
    });
    const errors: unknown[] = [];
    const answer = await driveDynalite(server, dynaliteRequestOf("GetItem", "{}"), (error) => errors.push(error));
    expect(answer.status).toBe(500);
    expect(errors).toEqual([new TypeError("dynalite bug")]);
  });

  it("feeds the body to the handler's data listeners when it is not empty", async () => {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => response.end(`${request.method} ${request.url} ${Buffer.concat(chunks).toString()}`));
    });
    const request = { ...dynaliteRequestOf("GetItem", '{"é":1}'), query: "a=b" };
    const answer = await driveDynalite(server, request, () => {});
    expect(answer.body).toBe('POST /?a=b {"é":1}');
  });
});
