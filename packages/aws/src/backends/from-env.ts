/**
 * @module backends/from-env
 * `fromEnv()`: the backend named by `PROBITY_BACKEND`, so one suite runs against each in CI.
 */

import { aws } from "./aws.js";
import type { Backend } from "./backend.js";
import { embedded } from "./embedded.js";
import { localstack } from "./localstack.js";
import { moto } from "./moto.js";
import { remote } from "./remote.js";

/** The values `PROBITY_BACKEND` accepts. */
export const BACKEND_NAMES = Object.freeze(["embedded", "moto", "localstack", "aws", "remote"] as const);

/**
 * Starts the backend `PROBITY_BACKEND` names (default `embedded`). `remote` reads
 * `PROBITY_AWS_ENDPOINT` (and `AWS_REGION`).
 *
 * @param env - the environment to read. @default process.env
 * @throws TypeError when `PROBITY_BACKEND` names no backend, or `remote` has no `PROBITY_AWS_ENDPOINT`;
 * BackendUnavailableError from the chosen backend.
 * @example
 * ```ts
 * // PROBITY_BACKEND=moto npx vitest
 * await using backend = await fromEnv();
 * ```
 */
export async function fromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Backend> {
  const name = env.PROBITY_BACKEND === undefined || env.PROBITY_BACKEND === "" ? "embedded" : env.PROBITY_BACKEND;
  switch (name) {
    case "embedded":
      return embedded();
    case "moto":
      return moto();
    case "localstack":
      return localstack();
    case "aws":
      return aws({ env });
    case "remote": {
      const endpoint = env.PROBITY_AWS_ENDPOINT;
      if (endpoint === undefined || endpoint === "") {
        throw new TypeError("PROBITY_BACKEND=remote needs PROBITY_AWS_ENDPOINT (e.g. http://127.0.0.1:4566)");
      }
      return remote({ endpoint, ...(env.AWS_REGION === undefined ? {} : { region: env.AWS_REGION }) });
    }
    default:
      throw new TypeError(
        `Expected PROBITY_BACKEND to be one of ${BACKEND_NAMES.join(", ")}, got ${JSON.stringify(name)}`,
      );
  }
}
