/**
 * @module test/support/global-setup
 * Starts one moto server for the whole `customers` project and provides its endpoint to the tests
 * (`inject("awsEndpoint")`). Set `PROBITY_AWS_ENDPOINT` to use an already running backend instead
 * (e.g. `npm start`'s emulator on 4566, or LocalStack). When neither is possible, tests that need AWS skip
 * with the reason in `inject("awsUnavailable")`.
 * TODO(lead): switch the default backend to the embedded emulator (`startAwsEmulator({ port: 0, timeScale })`).
 */
import type { TestProject } from "vitest/node";
import { type MotoServer, motoUnavailableReason, startMoto } from "./moto.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Endpoint of the SNS/SQS/DynamoDB backend, or "" when unavailable. */
    awsEndpoint: string;
    /** Why there is no backend ("" when there is one). */
    awsUnavailable: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.PROBITY_AWS_ENDPOINT;
  if (given) {
    project.provide("awsEndpoint", given);
    project.provide("awsUnavailable", "");
    return async () => {};
  }
  const reason = motoUnavailableReason();
  if (reason) {
    project.provide("awsEndpoint", "");
    project.provide("awsUnavailable", reason);
    return async () => {};
  }
  const moto: MotoServer = await startMoto();
  project.provide("awsEndpoint", moto.endpoint);
  project.provide("awsUnavailable", "");
  return () => moto.stop();
}
