/**
 * @module test/targets
 * The SQS endpoints the real-client and differential tests run against. Each target starts a server and
 * hands back an endpoint; tests never care which implementation answers.
 */
import { startAwsEmulator } from "../src/index.js";
import { motoUnavailableReason, startMotoServer } from "../src/moto-server.js";

/** A started SQS endpoint. */
export interface StartedSqsTarget {
  /** Base URL to pass as the client's endpoint. */
  readonly endpoint: string;
  /** Region the clients sign for. */
  readonly region: string;
  /** Stops the server. */
  stop(): Promise<void>;
}

/** Something that can serve SQS for a test run. */
export interface SqsTarget {
  /** Short name used in test titles and known-difference tables (`"emulator"`, `"moto"`). */
  readonly name: string;
  /** Why this target cannot run on this machine, or `undefined` when it can. */
  readonly unavailableReason: string | undefined;
  /** Starts a fresh server. */
  start(): Promise<StartedSqsTarget>;
}

/** Dummy credentials every target accepts. Frozen: pass a copy to SDK v3 clients, which tag the object they get. */
export const TEST_CREDENTIALS = Object.freeze({ accessKeyId: "test", secretAccessKey: "test" });

/** moto server (`python3 -m moto.server`) on a free loopback port. */
export const MOTO_TARGET: SqsTarget = {
  name: "moto",
  unavailableReason: motoUnavailableReason(),
  async start() {
    const moto = await startMotoServer();
    return { endpoint: moto.endpoint, region: "us-east-1", stop: () => moto.stop() };
  },
};

/** The embedded emulator, in this process, on a free loopback port. */
export const EMULATOR_TARGET: SqsTarget = {
  name: "emulator",
  unavailableReason: undefined,
  async start() {
    const aws = await startAwsEmulator({ port: 0 });
    return { endpoint: aws.endpoint, region: aws.region, stop: () => aws.stop() };
  },
};

/** Every target the real-client flows run against. */
export const SQS_TARGETS: readonly SqsTarget[] = [EMULATOR_TARGET, MOTO_TARGET];

/** The two targets the differential tests compare: `[subject, reference]`. */
export const DIFFERENTIAL_PAIR: readonly [SqsTarget, SqsTarget] = [EMULATOR_TARGET, MOTO_TARGET];
