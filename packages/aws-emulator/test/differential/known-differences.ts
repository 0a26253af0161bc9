/**
 * @module test/differential/known-differences
 * Where moto (5.2) knowingly disagrees with AWS (SQS scenarios by name, SNS scenarios as `sns:<name>`). Before comparing, the listed step of that target's
 * transcript is replaced by AWS's answer, so the emulator is held to AWS, not to moto. Each entry cites the
 * AWS SQS or SNS API reference page that defines the behaviour. Remove an entry when moto is fixed (the harness
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

/** An SNS InvalidParameter error as SDK v3 reports it (Sender fault, 400). */
const SNS_INVALID_PARAMETER: Pick<Step, "error"> = {
  error: { $fault: "client", Code: "InvalidParameter", Type: "Sender", name: "InvalidParameterException", status: 400 },
};

/**
 * A topic's EffectiveDeliveryPolicy as AWS returns it when no DeliveryPolicy was set (canonical JSON).
 * The API reference does not spell the default out; this is the value AWS returned in the recorded
 * output of AWS's own SDK example (awsdocs/aws-doc-sdk-examples,
 * javascriptv3/example_code/sns/actions/get-topic-attributes.js), byte for byte before canonicalising.
 * Older recorded outputs lack `defaultRequestPolicy`: AWS added it later.
 */
const AWS_DEFAULT_EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: {
      backoffFunction: "linear",
      maxDelayTarget: 20,
      minDelayTarget: 20,
      numMaxDelayRetries: 0,
      numMinDelayRetries: 0,
      numNoDelayRetries: 0,
      numRetries: 3,
    },
    defaultRequestPolicy: { headerContentType: "text/plain; charset=UTF-8" },
    disableSubscriptionOverrides: false,
  },
});

/** GetTopicAttributes of a topic with no DeliveryPolicy: no `DeliveryPolicy` key, AWS's default effective policy. */
function awsTopicAttributes(recorded: Step): Pick<Step, "output"> {
  const output = recorded.output as { Attributes?: Record<string, unknown> };
  const { DeliveryPolicy: _unset, ...attributes } = output.Attributes ?? {};
  return {
    output: {
      ...output,
      Attributes: { ...attributes, EffectiveDeliveryPolicy: AWS_DEFAULT_EFFECTIVE_DELIVERY_POLICY },
    },
  };
}

/** The key order of an SNS notification sent to SQS/HTTP, as AWS documents it. */
const AWS_ENVELOPE_ORDER = [
  "Type",
  "MessageId",
  "SequenceNumber",
  "TopicArn",
  "Subject",
  "Message",
  "Timestamp",
  "SignatureVersion",
  "Signature",
  "SigningCertURL",
  "UnsubscribeURL",
  "MessageAttributes",
];

/** Received enveloped notifications: AWS's key order and the default SignatureVersion 1. */
function awsEnvelopes(recorded: Step): Pick<Step, "output"> {
  const output = recorded.output as { messages: Array<{ keys?: string[]; values?: Record<string, unknown> }> };
  return {
    output: {
      messages: output.messages.map((message) =>
        message.keys === undefined
          ? message
          : {
              keys: AWS_ENVELOPE_ORDER.filter((key) => message.keys?.includes(key)),
              values: { ...message.values, SignatureVersion: "1" },
            },
      ),
    },
  };
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
  {
    target: "moto",
    scenario: "sns:topic-lifecycle",
    step: "get attributes",
    // https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html
    // "EffectiveDeliveryPolicy – The JSON serialization of the effective delivery policy, taking system
    // defaults into account"; AWS's default is keyed by protocol (`{"http":{…}}`) and DeliveryPolicy is only
    // returned once set. moto returns an un-keyed policy of its own and an empty DeliveryPolicy.
    why: "moto returns a different default EffectiveDeliveryPolicy and an empty DeliveryPolicy",
    aws: awsTopicAttributes,
  },
  {
    target: "moto",
    scenario: "sns:publish-enveloped-and-raw",
    step: "receive enveloped",
    // https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html#http-notification-json
    // documents the notification in the order Type, MessageId, TopicArn, Subject, Message, Timestamp,
    // SignatureVersion, Signature, SigningCertURL, UnsubscribeURL, MessageAttributes; and
    // https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html: "By default, SignatureVersion
    // is set to 1". moto sorts the keys and always signs with version 2 (its source: SHA1 unsupported).
    why: "moto sorts notification keys and uses SignatureVersion 2",
    aws: awsEnvelopes,
  },
  {
    target: "moto",
    scenario: "sns:invalid-parameters",
    step: "subscribe with an unknown protocol",
    // https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
    // Protocol: "The protocol that you want to use. Supported protocols include: http, https, email,
    // email-json, sms, sqs, application, lambda, firehose"; Errors: InvalidParameter. moto accepts any string.
    why: "moto accepts any Subscribe protocol",
    aws: () => SNS_INVALID_PARAMETER,
  },
  {
    target: "moto",
    scenario: "sns:invalid-parameters",
    step: "publish without a target",
    // https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
    // "If you don't specify a value for the TargetArn parameter, you must specify a value for the PhoneNumber
    // or TopicArn parameters"; Errors: InvalidParameter. moto fails with an internal error (500).
    why: "moto answers a Publish with no TopicArn/TargetArn/PhoneNumber with a 500",
    aws: () => SNS_INVALID_PARAMETER,
  },
  {
    target: "moto",
    scenario: "sns:publish-batch",
    step: "publish batch with a failing entry",
    // https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
    // "The result of publishing each message is reported individually in the response"; a rejected entry is
    // a BatchResultErrorEntry (Id, Code, Message, SenderFault) in `Failed`. moto rejects the whole request
    // when one entry has an invalid Number attribute. The entry's code is InvalidParameterValue's wire code
    // `ParameterValueInvalid` (API_Publish Errors; SDK v3's InvalidParameterValueException model); the
    // message is the text AWS gives for a Number attribute that does not parse.
    why: "moto fails the whole PublishBatch for one invalid entry instead of reporting it in Failed",
    aws: () => ({
      output: {
        $metadata: { httpStatusCode: 200, requestId: "<request-id>" },
        Successful: [{ Id: "one", MessageId: "<message-id>" }],
        Failed: [
          {
            Id: "two",
            Code: "ParameterValueInvalid",
            Message: "Could not cast message attribute 'bad' value to number.",
            SenderFault: true,
          },
        ],
      },
    }),
  },
  {
    target: "moto",
    scenario: "sns:publish-batch",
    step: "receive the successful entry",
    // Follows from the entry above: AWS delivers the entry that succeeded; moto published nothing.
    why: "moto delivered nothing because it rejected the whole batch",
    aws: () => ({ output: { messages: [{ raw: "first" }] } }),
  },
];
