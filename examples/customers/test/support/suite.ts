/**
 * @module test/support/suite
 * What a test file of the `customers` project needs: the backend from the global setup, the service
 * processes (through the service gate), the `it` with the seed's isolation fixture, and emulated-to-real
 * time conversion.
 */
import { backends, SnsSqsTestClient } from "probity-aws";
import { createBusTest } from "probity-aws/vitest";
import { inject } from "vitest";
import { QUEUES } from "../../src/shared/names.js";
import type { CustomersSuite } from "./global-setup.js";
import { CUSTOMER_CREATED_QUEUE, SERVICE_REGION } from "./paths.js";
import { passServiceGate, type ServiceUrls } from "./service-gate.js";

/** Where the global setup started everything (see {@link CustomersSuite}). */
export const SUITE: CustomersSuite = inject("customersSuite");

/** Why the integration tests skip ("" when they run), for `describe.skipIf(SKIP)`. */
export const SKIP = SUITE.unavailable !== "";

/** A describe title with the skip reason appended when the suite cannot run. */
export function title(name: string): string {
  return SKIP ? `${name}: ${SUITE.unavailable}` : name;
}

let services: Promise<ServiceUrls> | undefined;

/**
 * The service processes' URLs, once both are ready (the first call waits at the gate; every later call,
 * in any test file of this worker, gets the same answer).
 *
 * @throws {Error} "the services are not ready: …" when one of them failed to start.
 */
export function serviceUrls(): Promise<ServiceUrls> {
  services ??= passServiceGate(SUITE.servicesGate);
  return services;
}

/**
 * `it` for tests of the running services: it waits until they are ready, and its `bus` fixture (an
 * `SnsSqsTestClient` on the suite's backend) purges `customer--created` and `customer--order-created`
 * after each test — the seed's `_purge_queues_on_teardown` — plus the DLQ, which the seed left to
 * accumulate.
 */
export const it = createBusTest({
  purge: [CUSTOMER_CREATED_QUEUE, QUEUES.customerOrderCreated, QUEUES.customerOrderCreatedDlq],
}).extend("services", { auto: true }, () => serviceUrls());

/**
 * Real milliseconds for `emulatedMs` of backend time: the seed's 3 s visibility timeout is 100 ms on
 * the embedded emulator (time scale 30) and 3 s on moto.
 */
export function realMs(emulatedMs: number): number {
  return emulatedMs / SUITE.timeScale;
}

/** `fetch` against the Customer service process. */
export async function customers(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${(await serviceUrls()).customersUrl}${path}`, init);
}

/** `fetch` against the Order service process. */
export async function orders(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${(await serviceUrls()).ordersUrl}${path}`, init);
}

/** `POST /customer` and the new id (asserting 200). */
export async function createCustomer(name = "John Doe"): Promise<string> {
  const response = await customers("/customer", { method: "POST", body: JSON.stringify({ name }) });
  if (response.status !== 200) throw new Error(`POST /customer answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { customer_id: string }).customer_id;
}

/**
 * A test client of its own on the suite's backend — in another region, a second, empty AWS where an
 * app built inside a test does not compete with the service processes for `customer--order-created`.
 *
 * @param region - @default SERVICE_REGION ("us-east-1", the region of the service processes)
 */
export function connectBus(region: string = SERVICE_REGION): Promise<SnsSqsTestClient> {
  return SnsSqsTestClient.connect(backends.remote({ endpoint: SUITE.endpoint, region, name: SUITE.backend }));
}
