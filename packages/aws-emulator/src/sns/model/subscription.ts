/**
 * @module sns/model/subscription
 * A subscription: protocol and endpoint, confirmation state (http/https start pending with a token),
 * and its attributes (RawMessageDelivery, FilterPolicy + FilterPolicyScope, RedrivePolicy, …).
 * @internal
 */

import { AwsServiceError } from "../../errors.js";
import {
  type FilterPolicy,
  type FilterPolicyScope,
  parseFilterPolicy,
  parseFilterPolicyScope,
} from "../filter-policy.js";
import { invalidParameter, parseQueueArn } from "./arn.js";
import { DEFAULT_EFFECTIVE_DELIVERY_POLICY } from "./topic.js";

/** The protocols `Subscribe` accepts; only `sqs`, `http` and `https` are delivered to. */
export const SUBSCRIPTION_PROTOCOLS = new Set([
  "http",
  "https",
  "email",
  "email-json",
  "sms",
  "sqs",
  "application",
  "lambda",
  "firehose",
]);

/** What `ListSubscriptions` shows for a subscription that is not confirmed yet. */
export const PENDING_CONFIRMATION = "PendingConfirmation";

function parseBoolean(name: string, value: string): boolean {
  const lower = value.toLowerCase();
  if (lower === "true" || lower === "false") return lower === "true";
  throw invalidParameter(`Attributes Reason: ${name}: Invalid value [${value}]. Must be true or false.`);
}

/** A subscription and its state. */
export class Subscription {
  confirmed: boolean;
  rawMessageDelivery = false;
  filterPolicy: FilterPolicy | undefined;
  filterPolicyScope: FilterPolicyScope | undefined;
  /** The `deadLetterTargetArn` of the `RedrivePolicy`, when one is set. */
  deadLetterTargetArn: string | undefined;
  readonly attributes = new Map<string, string>();

  constructor(
    readonly arn: string,
    readonly topicArn: string,
    readonly owner: string,
    readonly protocol: string,
    readonly endpoint: string,
    /** The confirmation token of an `http`/`https` subscription. */
    readonly token: string | undefined,
    /** Epoch ms of creation (tokens expire after 3 days). */
    readonly createdAt: number,
  ) {
    this.confirmed = token === undefined;
  }

  /** The ARN `ListSubscriptions` shows: `PendingConfirmation` until confirmed. */
  get listedArn(): string {
    return this.confirmed ? this.arn : PENDING_CONFIRMATION;
  }

  /**
   * Validates and sets one attribute (`Subscribe` `Attributes` or `SetSubscriptionAttributes`).
   * @throws AwsServiceError `InvalidParameter`.
   */
  setAttribute(name: string, value: string): void {
    switch (name) {
      case "RawMessageDelivery":
        this.rawMessageDelivery = parseBoolean(name, value);
        this.attributes.set(name, String(this.rawMessageDelivery));
        return;
      case "FilterPolicy":
        if (value === "") {
          this.filterPolicy = undefined;
          this.attributes.delete(name);
          return;
        }
        this.filterPolicy = parseFilterPolicy(value, this.filterPolicyScope ?? "MessageAttributes");
        break;
      case "FilterPolicyScope": {
        const scope = parseFilterPolicyScope(value);
        if (this.filterPolicy !== undefined) this.filterPolicy = parseFilterPolicy(this.filterPolicy.source, scope);
        this.filterPolicyScope = scope;
        break;
      }
      case "RedrivePolicy":
        this.deadLetterTargetArn = value === "" ? undefined : parseRedrivePolicy(value);
        if (value === "") {
          this.attributes.delete(name);
          return;
        }
        break;
      case "DeliveryPolicy":
      case "ReplayPolicy":
        try {
          JSON.parse(value);
        } catch {
          throw invalidParameter(`${name}: Invalid JSON`);
        }
        break;
      case "SubscriptionRoleArn":
        break;
      default:
        throw invalidParameter("AttributeName");
    }
    this.attributes.set(name, value);
  }

  /** The `GetSubscriptionAttributes` map (all values strings, as on the wire). */
  describe(): Record<string, string> {
    const out: Record<string, string> = {
      Owner: this.owner,
      RawMessageDelivery: String(this.rawMessageDelivery),
      TopicArn: this.topicArn,
      Endpoint: this.endpoint,
      Protocol: this.protocol,
      PendingConfirmation: String(!this.confirmed),
      ConfirmationWasAuthenticated: String(this.confirmed),
      SubscriptionArn: this.arn,
    };
    if (this.protocol === "http" || this.protocol === "https") {
      out.EffectiveDeliveryPolicy = DEFAULT_EFFECTIVE_DELIVERY_POLICY;
    }
    for (const [key, value] of this.attributes) out[key] = value;
    if (this.filterPolicy !== undefined) out.FilterPolicyScope = this.filterPolicyScope ?? "MessageAttributes";
    return out;
  }
}

/**
 * Parses a subscription `RedrivePolicy` (`{"deadLetterTargetArn": "arn:aws:sqs:…"}`).
 * @returns the dead-letter queue ARN.
 * @throws AwsServiceError `InvalidParameter` for bad JSON or a target that is not an SQS queue ARN.
 */
export function parseRedrivePolicy(value: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new AwsServiceError("InvalidParameter", "Invalid parameter: RedrivePolicy: failed to parse JSON.", {
      cause: error,
    });
  }
  const target =
    typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>).deadLetterTargetArn : undefined;
  if (typeof target !== "string" || parseQueueArn(target) === undefined) {
    throw new AwsServiceError(
      "InvalidParameter",
      "Invalid parameter: RedrivePolicy: deadLetterTargetArn is not a valid SQS queue ARN",
    );
  }
  return target;
}
