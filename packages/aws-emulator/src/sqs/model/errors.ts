/**
 * @module sqs/model/errors
 * Constructors for the SQS errors the model throws, with AWS's codes (JSON `__type` name and the legacy
 * Query code used on the Query protocol and in `x-amzn-query-error`).
 * @internal
 */

import { AwsServiceError } from "../../errors.js";

/** `QueueDoesNotExist` / `AWS.SimpleQueueService.NonExistentQueue`. */
export function queueDoesNotExist(): AwsServiceError {
  return new AwsServiceError("QueueDoesNotExist", "The specified queue does not exist.", {
    queryErrorCode: "AWS.SimpleQueueService.NonExistentQueue",
  });
}

/** `InvalidParameterValue` with AWS's message. */
export function invalidParameterValue(message: string): AwsServiceError {
  return new AwsServiceError("InvalidParameterValue", message);
}

/** `InvalidParameterValue` in AWS's "Value X for parameter Y is invalid. Reason: Z." form. */
export function invalidParameter(name: string, value: unknown, reason: string): AwsServiceError {
  return invalidParameterValue(`Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`);
}

/** `MissingParameter`. */
export function missingParameter(name: string): AwsServiceError {
  return new AwsServiceError("MissingParameter", `The request must contain the parameter ${name}.`);
}

/** `InvalidAttributeName`. */
export function invalidAttributeName(name: string): AwsServiceError {
  return new AwsServiceError("InvalidAttributeName", `Unknown Attribute ${name}.`);
}

/** `InvalidAttributeValue`. */
export function invalidAttributeValue(name: string, reason?: string): AwsServiceError {
  const suffix = reason === undefined ? "" : ` Reason: ${reason}`;
  return new AwsServiceError("InvalidAttributeValue", `Invalid value for the parameter ${name}.${suffix}`);
}

/** `ReceiptHandleIsInvalid`. */
export function receiptHandleIsInvalid(handle: string): AwsServiceError {
  return new AwsServiceError(
    "ReceiptHandleIsInvalid",
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
  );
}

/** `MessageNotInflight` / `AWS.SimpleQueueService.MessageNotInflight`. */
export function messageNotInflight(): AwsServiceError {
  return new AwsServiceError("MessageNotInflight", "Message is not in flight.", {
    queryErrorCode: "AWS.SimpleQueueService.MessageNotInflight",
  });
}

/** `QueueNameExists` / `QueueAlreadyExists`. */
export function queueNameExists(name: string): AwsServiceError {
  return new AwsServiceError(
    "QueueNameExists",
    `A queue already exists with the same name and a different value for attribute(s) of ${name}`,
    { queryErrorCode: "QueueAlreadyExists" },
  );
}

/** `InvalidMessageContents`. */
export function invalidMessageContents(): AwsServiceError {
  return new AwsServiceError(
    "InvalidMessageContents",
    "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF",
  );
}

/** `ResourceNotFoundException` (move tasks). */
export function resourceNotFound(message: string): AwsServiceError {
  return new AwsServiceError("ResourceNotFoundException", message, { status: 404 });
}

/** `UnsupportedOperation` / `AWS.SimpleQueueService.UnsupportedOperation`. */
export function unsupportedOperation(message: string): AwsServiceError {
  return new AwsServiceError("UnsupportedOperation", message, {
    queryErrorCode: "AWS.SimpleQueueService.UnsupportedOperation",
  });
}

/** `OverLimit` (403). */
export function overLimit(message: string): AwsServiceError {
  return new AwsServiceError("OverLimit", message, { status: 403 });
}
