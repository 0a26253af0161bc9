/**
 * @module test/differential/known-differences
 * Where moto (5.2) knowingly disagrees with AWS. Before comparing, the listed step of that target's
 * transcript is replaced by AWS's answer, so the emulator is held to AWS, not to moto. Each entry cites the
 * AWS SQS API reference page that defines the behaviour. Remove an entry when moto is fixed (the harness
 * keeps working either way).
 */
import type { KnownDifference, Step } from "./harness.js";

/** A Sender-fault service error as SDK v3 reports it for SQS (name, query-compatible Code and Type, 400). */
function senderError(name: string, code = name): Pick<Step, "error"> {
  return { error: { $fault: "client", Code: code, Type: "Sender", name, status: 400 } };
}

/** SendMessage to a FIFO queue: AWS answers with a SequenceNumber; moto omits it unless a deduplication id was sent. */
function withSequenceNumber(recorded: Step): Pick<Step, "output"> {
  return { output: { ...(recorded.output as Record<string, unknown>), SequenceNumber: "<sequence-number>" } };
}

/** Every known difference, by target, scenario and step label. */
export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    target: "moto",
    scenario: "queue-attributes",
    step: "set an unknown attribute",
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
    // Errors: "InvalidAttributeName — The specified attribute doesn't exist." moto ignores unknown names.
    why: "moto accepts attribute names SQS does not define",
    aws: () => senderError("InvalidAttributeName"),
  },
  {
    target: "moto",
    scenario: "queue-attributes",
    step: "set VisibilityTimeout out of range",
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
    // "VisibilityTimeout – ... Valid values: An integer from 0 to 43,200 (12 hours)"; Errors: InvalidAttributeValue.
    why: "moto does not range-check queue attribute values",
    aws: () => senderError("InvalidAttributeValue"),
  },
  ...["send first", "send second", "send third", "send a duplicate of first"].map(
    (step): KnownDifference => ({
      target: "moto",
      scenario: "fifo",
      step,
      // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
      // Response elements: "SequenceNumber — This parameter applies only to FIFO (first-in-first-out) queues.
      // The large, non-consecutive number that Amazon SQS assigns to each message."
      why: "moto omits SequenceNumber for content-based deduplication sends",
      aws: withSequenceNumber,
    }),
  ),
  {
    target: "moto",
    scenario: "invalid-parameters",
    step: "send a body with a character SQS does not allow",
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
    // MessageBody: "#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF ... Amazon SQS
    // does not accept characters outside this list"; Errors: InvalidMessageContents. moto accepts U+0007 over JSON.
    why: "moto does not validate message characters on the JSON protocol",
    aws: () => senderError("InvalidMessageContents"),
  },
  {
    target: "moto",
    scenario: "visibility",
    step: "change visibility in a batch",
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibilityBatch.html
    // Errors: "ReceiptHandleIsInvalid — The specified receipt handle isn't valid." The code and the per-entry
    // failure agree; only the wording differs: moto words this entry "The input receipt handle is invalid."
    // but DeleteMessageBatch's identical error with the handle quoted. The emulator uses the quoted wording for
    // both (the text AWS returns for DeleteMessage); the live ChangeMessageVisibilityBatch text is unverified.
    why: "moto words ReceiptHandleIsInvalid differently in its two batch actions",
    aws: (recorded) => {
      const output = recorded.output as { Failed?: Array<Record<string, unknown>> };
      return {
        output: {
          ...output,
          Failed: output.Failed?.map((entry) =>
            entry.Code === "ReceiptHandleIsInvalid"
              ? { ...entry, Message: 'The input receipt handle "not-a-receipt-handle" is not a valid receipt handle.' }
              : entry,
          ),
        },
      };
    },
  },
];
