/**
 * @module test/support/setup-gate
 * Lets vitest start its worker and run tests while the global setup is still starting things. The setup
 * opens a gate — a loopback HTTP endpoint — with one promise per *stage* (here `backend`, then
 * `services`), hands its URL to the workers and returns at once; a worker asks for a stage when it needs
 * it and gets the answer as soon as the stage is done (one long request: no polling). A stage that fails
 * answers its error, so every test that needs it fails with the reason (a service's stderr, say).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { deferred } from "probity";

/** An open gate. */
export interface SetupGate {
  /** The URL workers pass to {@link passSetupGate}. */
  readonly url: string;
  /** Requests waiting for their stage's answer. */
  readonly waiting: number;
  /** Stops answering and closes every connection (waiting requests get a 503 first). Idempotent. */
  close(): Promise<void>;
}

type Answer = { value: unknown } | { error: string };

/**
 * Opens a gate on 127.0.0.1 (a free port) that answers `GET /<stage>` with the stage's value as JSON once
 * its promise resolves, or with 503 and the error's message once it rejects; an unknown stage gets 404.
 *
 * @example
 * ```ts
 * const gate = await openSetupGate({ backend: startingBackend, services: startingServices });
 * project.provide("customersGate", gate.url);
 * ```
 */
export async function openSetupGate(stages: Record<string, Promise<unknown>>): Promise<SetupGate> {
  const answers = new Map<string, Promise<Answer>>(
    Object.entries(stages).map(([stage, ready]) => [
      stage,
      ready.then(
        (value) => ({ value }),
        (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
      ),
    ]),
  );
  const closed = deferred<Answer>();
  let closing = false;
  let waiting = 0;
  const server = createServer((request, response) => {
    const answer = request.method === "GET" ? answers.get((request.url ?? "").slice(1)) : undefined;
    if (answer === undefined) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"NO_SUCH_STAGE"}');
      return;
    }
    waiting += 1;
    void Promise.race([answer, closed.promise]).then((body) => {
      waiting -= 1;
      // Once closing, the connection ends with the answer: a kept-alive socket would hold close() up.
      const headers = { "content-type": "application/json", ...(closing ? { connection: "close" } : {}) };
      response.writeHead("error" in body ? 503 : 200, headers).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/`,
    get waiting() {
      return waiting;
    },
    close() {
      stopped ??= new Promise<void>((resolve) => {
        closing = true;
        closed.resolve({ error: "the test run ended before the global setup got there" });
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return stopped;
    },
  };
}

/**
 * Waits at the gate until `stage` is done and returns its value.
 *
 * @throws {Error} "the global setup failed at <stage>: …" with the stage's error (a service's stderr, say).
 * @example
 * ```ts
 * const { customersUrl } = await passSetupGate<ServiceUrls>(inject("customersGate"), "services");
 * ```
 */
export async function passSetupGate<T>(url: string, stage: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(new URL(stage, url), signal === undefined ? {} : { signal });
  const body = (await response.json()) as { value: T } | { error: string };
  if ("error" in body) throw new Error(`the global setup failed at ${stage}: ${body.error}`);
  return body.value;
}
