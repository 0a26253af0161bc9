/**
 * @module test/differential/sns-differential
 * The SNS scenarios against DIFFERENTIAL_PAIR (see define-differential.ts); each gets an SNS and an SQS
 * client, and its known differences are listed as `sns:<scenario>`.
 */
import { SNSClient } from "@aws-sdk/client-sns";
import { TEST_CREDENTIALS } from "../targets.js";
import { defineDifferential } from "./define-differential.js";
import { createSqsClient } from "./harness.js";
import { SNS_SCENARIOS, type SnsClients } from "./sns-scenarios.js";

defineDifferential<SnsClients>({
  title: "SNS differential",
  scenarios: SNS_SCENARIOS,
  knownDifferencePrefix: "sns:",
  createClient: (started) => ({
    sns: new SNSClient({
      endpoint: started.endpoint,
      region: started.region,
      credentials: { ...TEST_CREDENTIALS },
      maxAttempts: 1,
    }),
    sqs: createSqsClient(started.endpoint, started.region),
  }),
  destroyClient: (clients) => {
    clients.sns.destroy();
    clients.sqs.destroy();
  },
});
