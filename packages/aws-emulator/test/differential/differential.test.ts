/**
 * @module test/differential/differential
 * The SQS scenarios against DIFFERENTIAL_PAIR (see define-differential.ts).
 */

import { defineDifferential } from "./define-differential.js";
import { createSqsClient } from "./harness.js";
import { SCENARIOS } from "./scenarios.js";

defineDifferential({
  title: "differential",
  scenarios: SCENARIOS,
  createClient: (started) => createSqsClient(started.endpoint, started.region),
  destroyClient: (sqs) => sqs.destroy(),
});
