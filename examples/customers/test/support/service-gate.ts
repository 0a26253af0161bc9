/**
 * @module test/support/service-gate
 * Lets vitest start its worker and load the test files while the service processes are still starting
 * (about half a second saved per run). The global setup opens a gate — a loopback HTTP endpoint that
 * answers once both services printed their readiness line and the test queue is subscribed — and hands
 * its URL to the workers; a test that needs the services asks the gate once and waits for the answer (a
 * long request: no polling). When a service fails to start, every waiting test fails with that
 * service's error and stderr.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { deferred } from "probity";

/** Where the running services are. */
export interface ServiceUrls {
  /** Base URL of the Customer service process. */
  customersUrl: string;
  /** Base URL of the Order service process. */
  ordersUrl: string;
}

/** An open gate. */
export interface ServiceGate {
  /** The URL workers pass to {@link passServiceGate}. */
  readonly url: string;
  /** Stops answering and closes every connection (waiting requests get a 503 first). Idempotent. */
  close(): Promise<void>;
}

/**
 * Opens a gate on 127.0.0.1 (a free port) that answers `GET /` with the {@link ServiceUrls} once `ready`
 * resolves, or with 503 and the error's message once it rejects.
 *
 * @example
 * ```ts
 * const gate = await openServiceGate(startBothServices());
 * project.provide("customersSuite", { ...suite, servicesGate: gate.url });
 * ```
 */
export async function openServiceGate(ready: Promise<ServiceUrls>): Promise<ServiceGate> {
  type Answer = ServiceUrls | { error: string };
  const answer: Promise<Answer> = ready.then(
    (urls) => urls,
    (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
  );
  const closed = deferred<Answer>();
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url !== "/") {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"NOT_FOUND"}');
      return;
    }
    void Promise.race([answer, closed.promise]).then((body) => {
      const status = "error" in body ? 503 : 200;
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
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
    close() {
      stopped ??= new Promise<void>((resolve) => {
        closed.resolve({ error: "the test run ended before the services were ready" });
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return stopped;
    },
  };
}

/**
 * Waits at the gate and returns the services' URLs.
 *
 * @throws {Error} "the services are not ready: …" with the failing service's error and stderr.
 * @example
 * ```ts
 * const { customersUrl } = await passServiceGate(SUITE.servicesGate);
 * ```
 */
export async function passServiceGate(url: string, signal?: AbortSignal): Promise<ServiceUrls> {
  const response = await fetch(url, signal === undefined ? {} : { signal });
  const body = (await response.json()) as ServiceUrls | { error: string };
  if ("error" in body) throw new Error(`the services are not ready: ${body.error}`);
  return body;
}
