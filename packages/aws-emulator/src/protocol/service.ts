/**
 * @module protocol/service
 * What a service plugs into the protocol layer: its action table and the small description of its
 * wire quirks (JSON target prefix, XML namespace, how the Query protocol flattens its lists and maps).
 * The generic decoders and encoders in this folder read these descriptions; nothing service-specific
 * lives in them.
 */

/** Everything request-derived an action may need. Models never see it. */
export interface RequestContext {
  /** From a 12-digit access key id, else the emulator's default account. */
  readonly accountId: string;
  /** From the SigV4 credential scope, else the emulator's default region. */
  readonly region: string;
  readonly accessKeyId: string | undefined;
  readonly requestId: string;
  /** Scheme and host as the client addressed us, e.g. `http://127.0.0.1:4566`. */
  readonly baseUrl: string;
  /** The request path (a Query request may be sent to a queue URL). */
  readonly path: string;
  /** Aborts when the client disconnects or the emulator stops; long polls end on it. */
  readonly signal: AbortSignal;
  readonly protocol: "json" | "query";
}

/** Input as both protocols decode it: AWS member names, plain JSON values. */
export type ActionInput = Readonly<Record<string, unknown>>;

/** One action: takes the decoded input, returns the output object (AWS member names) or nothing. */
export type ActionHandler = (
  input: ActionInput,
  context: RequestContext,
) => Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined>;

/** A Query list or map layout. `flattened`: items repeat the element name (SQS); else wrapped (SNS). */
export type QueryMemberShape =
  | {
      readonly kind: "list";
      /** The AWS (JSON) member name. */
      readonly member: string;
      /** Element name of each item: `QueueUrl` (flattened) or `member` (wrapped). */
      readonly item: string;
      readonly flattened: boolean;
    }
  | {
      readonly kind: "map";
      readonly member: string;
      /** Element name of each entry: `Attribute` (flattened) or `entry` (wrapped). */
      readonly entry: string;
      readonly key: string;
      readonly value: string;
      readonly flattened: boolean;
    };

/** How one service's Query requests and XML responses are laid out. */
export interface QueryShapes {
  /** Request members by their WIRE name (`Attribute`, `AttributeName`, `SendMessageBatchRequestEntry`). */
  readonly input: Readonly<Record<string, QueryMemberShape>>;
  /** Request members (AWS names, any depth) decoded as integers. */
  readonly integers: ReadonlySet<string>;
  /** Request members decoded as booleans. */
  readonly booleans?: ReadonlySet<string>;
  /** Response members by their AWS (JSON) name. */
  readonly output: Readonly<Record<string, QueryMemberShape>>;
  /** Per-action response layouts that differ from `output` (e.g. each batch action's `Successful`). */
  readonly outputByAction?: Readonly<Record<string, Readonly<Record<string, QueryMemberShape>>>>;
}

/** A service the server can route to. */
export interface ServiceDefinition {
  /** Short name, also the SigV4 signing name: `sqs`, `sns`. */
  readonly name: string;
  /** `X-Amz-Target` prefix for AWS JSON 1.0 (`AmazonSQS`); absent for Query-only services. */
  readonly jsonTargetPrefix?: string;
  /** `__type` prefix of JSON errors, e.g. `com.amazonaws.sqs#`. */
  readonly jsonErrorPrefix: string;
  /** Namespace of Query XML responses. */
  readonly xmlNamespace: string;
  readonly apiVersion: string;
  readonly query: QueryShapes;
  /** A Query request sent to a resource path gets this member from the URL (`QueueUrl`). */
  readonly queryPathMember?: string;
  readonly actions: Readonly<Record<string, ActionHandler>>;
}
