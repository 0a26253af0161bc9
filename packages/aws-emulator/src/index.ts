/**
 * @module probity-aws-emulator
 * An embedded AWS SQS + SNS emulator (with STS and DynamoDB through dynalite on the same endpoint) that
 * unmodified AWS clients accept over both the JSON 1.0 and the Query protocol.
 */
export type { EmulatorClock, EmulatorClockOption, EmulatorTimer } from "./clock.js";
export { realEmulatorClock, ScaledClock, VirtualEmulatorClock } from "./clock.js";
export type {
  AwsEmulator,
  AwsEmulatorOptions,
  EmulatorServiceContext,
  SnsTopicView,
  SnsView,
  SqsQueueView,
  SqsView,
} from "./emulator.js";
export { DEFAULT_AWS_EMULATOR_OPTIONS, startAwsEmulator } from "./emulator.js";
export type { AwsServiceErrorOptions } from "./errors.js";
export { AwsServiceError } from "./errors.js";
export type {
  EmulatorEvent,
  EmulatorEventMap,
  EmulatorEventName,
  SnsDeliveryEventBase,
  SnsEventBase,
  SqsMessageEventBase,
} from "./events.js";
export { EmulatorEvents } from "./events.js";
export type { EmulatorEventFilter } from "./inspection/event-filter.js";
export { matchesEventFilter } from "./inspection/event-filter.js";
export type { EmulatorEventStreamOptions } from "./inspection/event-stream.js";
export type { PeekedMessageView } from "./inspection/peek.js";
export type { MotoServer, MotoServerErrorCode, MotoServerOptions } from "./moto-server.js";
export {
  DEFAULT_MOTO_SERVER_OPTIONS,
  isMotoAvailable,
  MotoServerError,
  motoUnavailableReason,
  startMotoServer,
} from "./moto-server.js";
export type { AwsHttpRequest, AwsHttpResponse } from "./protocol/http-types.js";
export type {
  ActionHandler,
  ActionInput,
  QueryMemberShape,
  QueryShapes,
  RequestContext,
  ServiceDefinition,
} from "./protocol/service.js";
export { parseXml } from "./protocol/xml.js";
export type { AwsRequestHandlerOptions, RawRoute, RequestLogEntry } from "./server/handler.js";
export { AwsRequestHandler } from "./server/handler.js";
export type { EndpointReservation, ReserveEndpointOptions } from "./server/reservation.js";
export { reserveEndpoint } from "./server/reservation.js";
export type { EmulatorCredential, RequestAuthorizer } from "./server/sigv4.js";
export { createSigV4Verifier } from "./server/sigv4.js";
export type { AttributeMap, AttributeValue } from "./sqs/md5.js";
export type { SendMessageResult } from "./sqs/model/message.js";
export type { SqsDeliveryMessage, SqsDeliveryPort } from "./sqs/model/sqs-model.js";
