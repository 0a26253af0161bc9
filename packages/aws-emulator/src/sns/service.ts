/**
 * @module sns/service
 * SNS as the protocol layer sees it: the Query protocol with namespace
 * `http://sns.amazonaws.com/doc/2010-03-31/` and wrapped (never flattened) lists and maps
 * (`Attributes.entry.1.key`, `Tags.member.1.Key`, `<Topics><member>…`), as botocore's
 * `sns/2010-03-31/service-2.json` describes them, plus AWS JSON 1.0 under
 * `X-Amz-Target: AmazonSimpleNotificationService.<Action>` for clients that send it.
 */

import type {
  ActionHandler,
  ActionInput,
  QueryMemberShape,
  QueryShapes,
  RequestContext,
  ServiceDefinition,
} from "../protocol/service.js";
import { createSnsActions, SNS_ACTION_NAMES } from "./actions.js";
import type { SnsModel } from "./model/sns-model.js";

const list = (member: string): QueryMemberShape => ({ kind: "list", member, item: "member", flattened: false });
const map = (member: string, key = "key", value = "value"): QueryMemberShape => ({
  kind: "map",
  member,
  entry: "entry",
  key,
  value,
  flattened: false,
});

/** SNS's Query layout (wire names equal AWS member names). @internal */
export const SNS_QUERY_SHAPES: QueryShapes = {
  input: {
    Attributes: map("Attributes"),
    MessageAttributes: map("MessageAttributes", "Name", "Value"),
    Tags: list("Tags"),
    TagKeys: list("TagKeys"),
    PublishBatchRequestEntries: list("PublishBatchRequestEntries"),
  },
  integers: new Set(),
  booleans: new Set(["ReturnSubscriptionArn"]),
  output: {
    Topics: list("Topics"),
    Subscriptions: list("Subscriptions"),
    Attributes: map("Attributes"),
    Tags: list("Tags"),
    Successful: list("Successful"),
    Failed: list("Failed"),
  },
};

/** Actions whose botocore operation has no output shape: no `<XResult>` element in the reply. */
const NO_OUTPUT = new Set(["DeleteTopic", "SetTopicAttributes", "Unsubscribe", "SetSubscriptionAttributes"]);

const SNS_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):/;

/**
 * `UnsubscribeURL` and `SubscribeURL` are followed unsigned (a browser, `curl`, an HTTP subscriber), so
 * their region and account come from the ARN they carry rather than from the emulator's defaults.
 */
function scopeOf(action: string, input: ActionInput, context: RequestContext): RequestContext {
  if (context.accessKeyId !== undefined || (action !== "Unsubscribe" && action !== "ConfirmSubscription")) {
    return context;
  }
  const arn = input.SubscriptionArn ?? input.TopicArn;
  const match = typeof arn === "string" ? SNS_ARN.exec(arn) : null;
  if (match === null) return context;
  return { ...context, region: match[1] as string, accountId: match[2] as string };
}

/**
 * The SNS service definition over a model.
 *
 * @example
 * ```ts
 * const sns = createSnsService(new SnsModel({ clock, sqs: port }));
 * const handler = new AwsRequestHandler({ services: [sqsService, sns], defaultRegion, defaultAccountId });
 * ```
 */
export function createSnsService(model: SnsModel): ServiceDefinition {
  const table = createSnsActions(model);
  const actions: Record<string, ActionHandler> = {};
  for (const name of SNS_ACTION_NAMES) {
    const handler = table[name];
    actions[name] = async (input, context) => {
      const output = await handler(input as Record<string, unknown>, scopeOf(name, input, context));
      return NO_OUTPUT.has(name) ? undefined : (output as Record<string, unknown>);
    };
  }
  return {
    name: "sns",
    jsonTargetPrefix: "AmazonSimpleNotificationService",
    jsonErrorPrefix: "com.amazonaws.sns#",
    xmlNamespace: "http://sns.amazonaws.com/doc/2010-03-31/",
    apiVersion: "2010-03-31",
    query: SNS_QUERY_SHAPES,
    actions,
  };
}
