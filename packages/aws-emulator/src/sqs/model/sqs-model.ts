import type { EmulatorClock } from "../../clock.js";
import { AwsServiceError } from "../../errors.js";
import type { EmulatorEvents } from "../../events.js";
import type { AttributeMap } from "../md5.js";
import {
  invalidAttributeValue,
  invalidParameter,
  invalidParameterValue,
  queueDoesNotExist,
  queueNameExists,
} from "./errors.js";
import type { SendMessageResult } from "./message.js";
import { MoveTasks, type MoveTaskView } from "./move-tasks.js";
import { type QueueHost, SqsQueue } from "./queue.js";
import {
  applyQueueAttributes,
  defaultQueueConfig,
  type parseRedrivePolicy,
  renderQueueConfig,
} from "./queue-config.js";
import { queueEventBase } from "./queue-events.js";

/** The account and region a request acts in. */
export interface SqsScope {
  readonly accountId: string;
  readonly region: string;
}

/** A message SNS (or anything else in-process) delivers to a queue. */
export interface SqsDeliveryMessage {
  body: string;
  messageAttributes?: AttributeMap | undefined;
  messageGroupId?: string | undefined;
  messageDeduplicationId?: string | undefined;
  /** @default the queue's account id */
  senderId?: string | undefined;
}

/**
 * How other services put messages into SQS queues without going through HTTP.
 * @throws AwsServiceError `QueueDoesNotExist` (query code `AWS.SimpleQueueService.NonExistentQueue`)
 * when no queue has that ARN.
 */
export interface SqsDeliveryPort {
  deliver(queueArn: string, message: SqsDeliveryMessage): SendMessageResult;
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

/** Parses `arn:aws:sqs:<region>:<account>:<name>`. @internal */
export function parseQueueArn(arn: string): { region: string; accountId: string; name: string } | undefined {
  const parts = arn.split(":");
  if (parts.length !== 6 || parts[0] !== "arn" || parts[2] !== "sqs") return undefined;
  const [, , , region, accountId, name] = parts as [string, string, string, string, string, string];
  return { region, accountId, name };
}

/**
 * All SQS state of one emulator.
 *
 * @example
 * ```ts
 * const model = new SqsModel({ clock: realEmulatorClock, events: new EmulatorEvents() });
 * const { queue } = model.createQueue({ accountId: "000000000000", region: "us-east-1" }, "orders");
 * ```
 */
export class SqsModel implements SqsDeliveryPort {
  readonly clock: EmulatorClock;
  readonly events: EmulatorEvents;
  readonly #queues = new Map<string, SqsQueue>();
  readonly #byArn = new Map<string, SqsQueue>();
  readonly #moveTasks: MoveTasks;
  readonly #host: QueueHost;

  constructor(options: { clock: EmulatorClock; events: EmulatorEvents }) {
    this.clock = options.clock;
    this.events = options.events;
    this.#host = {
      clock: this.clock,
      events: this.events,
      findQueueByArn: (arn) => this.#byArn.get(arn),
    };
    this.#moveTasks = new MoveTasks({
      clock: this.clock,
      events: this.events,
      findQueueByArn: (arn) => this.#byArn.get(arn),
      isDeadLetterQueue: (queue) => this.deadLetterSourceQueues(queue).length > 0,
    });
  }

  /**
   * Creates a queue, or returns the existing one when every given attribute matches.
   * @throws AwsServiceError `InvalidParameterValue` (name), `InvalidAttributeName`/`InvalidAttributeValue`,
   * `QueueNameExists` (`QueueAlreadyExists` on Query) when attributes differ.
   */
  createQueue(
    scope: SqsScope,
    name: string,
    attributes: Readonly<Record<string, string>> = {},
    tags: Readonly<Record<string, string>> = {},
  ): { queue: SqsQueue; created: boolean } {
    const fifo = name.endsWith(".fifo");
    const wantsFifo = attributes.FifoQueue?.toLowerCase() === "true";
    if (!(fifo ? FIFO_QUEUE_NAME : QUEUE_NAME).test(name) || fifo !== wantsFifo) {
      throw invalidParameterValue(
        fifo || wantsFifo
          ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length."
          : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
      );
    }
    const existing = this.#queues.get(this.#key(scope.accountId, scope.region, name));
    const config = defaultQueueConfig(fifo);
    applyQueueAttributes(config, attributes, true);
    this.#validateRedrive(scope, config.redrivePolicy, fifo, name);
    if (existing !== undefined) {
      const current = renderQueueConfig(existing.config);
      const wanted = renderQueueConfig(config);
      for (const attribute of Object.keys(attributes)) {
        if (current[attribute] !== wanted[attribute]) throw queueNameExists(name);
      }
      return { queue: existing, created: false };
    }
    const queue = new SqsQueue({ accountId: scope.accountId, region: scope.region, name }, config, this.#host);
    for (const [key, value] of Object.entries(tags)) queue.tags.set(key, value);
    this.#queues.set(this.#key(scope.accountId, scope.region, name), queue);
    this.#byArn.set(queue.arn, queue);
    if (this.events.has("sqs.queue-created")) {
      this.events.emit("sqs.queue-created", queueEventBase(queue, this.clock.now()));
    }
    return { queue, created: true };
  }

  /** The queue with this name, if any. */
  findQueue(accountId: string, region: string, name: string): SqsQueue | undefined {
    return this.#queues.get(this.#key(accountId, region, name));
  }

  /**
   * The queue with this name.
   * @throws AwsServiceError `QueueDoesNotExist`.
   */
  getQueue(accountId: string, region: string, name: string): SqsQueue {
    const queue = this.findQueue(accountId, region, name);
    if (queue === undefined) throw queueDoesNotExist();
    return queue;
  }

  /** The queue with this ARN, if any. */
  findQueueByArn(arn: string): SqsQueue | undefined {
    return this.#byArn.get(arn);
  }

  /** Deletes a queue: waiting receives end empty, its timers stop. */
  deleteQueue(queue: SqsQueue): void {
    if (this.#queues.get(this.#key(queue.accountId, queue.region, queue.name)) !== queue) return;
    this.#queues.delete(this.#key(queue.accountId, queue.region, queue.name));
    this.#byArn.delete(queue.arn);
    queue.close();
    if (this.events.has("sqs.queue-deleted")) {
      this.events.emit("sqs.queue-deleted", queueEventBase(queue, this.clock.now()));
    }
  }

  /** Queues of one account and region whose names start with `prefix`, sorted by name. */
  listQueues(scope: SqsScope, prefix = ""): SqsQueue[] {
    const out: SqsQueue[] = [];
    for (const queue of this.#queues.values()) {
      if (queue.accountId === scope.accountId && queue.region === scope.region && queue.name.startsWith(prefix)) {
        out.push(queue);
      }
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every queue of every account and region. */
  allQueues(): SqsQueue[] {
    return [...this.#queues.values()];
  }

  /**
   * Sets queue attributes, validating the dead-letter target and its `RedriveAllowPolicy`.
   * @throws AwsServiceError `InvalidAttributeName`, `InvalidAttributeValue`, `InvalidParameterValue`.
   */
  setQueueAttributes(queue: SqsQueue, attributes: Readonly<Record<string, string>>): void {
    const config = { ...queue.config };
    applyQueueAttributes(config, attributes, false);
    if ("RedrivePolicy" in attributes) this.#validateRedrive(queue, config.redrivePolicy, queue.fifo, queue.name);
    Object.assign(queue.config, config);
    queue.configChanged();
  }

  /** Queues whose `RedrivePolicy` targets `queue`, sorted by name. */
  deadLetterSourceQueues(queue: SqsQueue): SqsQueue[] {
    return this.listQueues(queue).filter((source) => source.config.redrivePolicy?.deadLetterTargetArn === queue.arn);
  }

  /**
   * Adds a permission statement to the queue's `Policy`.
   * @throws AwsServiceError `InvalidParameterValue` when the label exists.
   */
  addPermission(queue: SqsQueue, label: string, accountIds: string[], actions: string[]): void {
    const policy = this.#policy(queue);
    if (policy.Statement.some((statement) => statement.Sid === label)) {
      throw invalidParameter("Label", label, "Already exists.");
    }
    policy.Statement.push({
      Sid: label,
      Effect: "Allow",
      Principal: { AWS: accountIds.map((id) => `arn:aws:iam::${id}:root`) },
      Action: actions.map((action) => `SQS:${action}`),
      Resource: queue.arn,
    });
    queue.config.policy = JSON.stringify(policy);
    queue.configChanged();
  }

  /**
   * Removes a permission statement by label.
   * @throws AwsServiceError `InvalidParameterValue` when no statement has that label.
   */
  removePermission(queue: SqsQueue, label: string): void {
    const policy = this.#policy(queue);
    const remaining = policy.Statement.filter((statement) => statement.Sid !== label);
    if (remaining.length === policy.Statement.length) {
      throw invalidParameter("Label", label, "can't find label on existing policy.");
    }
    queue.config.policy = remaining.length === 0 ? undefined : JSON.stringify({ ...policy, Statement: remaining });
    queue.configChanged();
  }

  /** {@inheritDoc SqsDeliveryPort.deliver} */
  deliver(queueArn: string, message: SqsDeliveryMessage): SendMessageResult {
    const queue = this.#byArn.get(queueArn);
    if (queue === undefined) throw queueDoesNotExist();
    return queue.send({
      body: message.body,
      messageAttributes: message.messageAttributes,
      messageGroupId: message.messageGroupId,
      messageDeduplicationId: message.messageDeduplicationId,
      senderId: message.senderId ?? queue.accountId,
    });
  }

  /**
   * Starts moving messages out of a dead-letter queue, to `destinationArn` or back to each message's
   * source queue.
   * @throws AwsServiceError `ResourceNotFoundException`, `InvalidParameterValue`.
   */
  startMoveTask(sourceArn: string, destinationArn?: string, maxPerSecond?: number): string {
    return this.#moveTasks.start(sourceArn, destinationArn, maxPerSecond);
  }

  /** Move tasks of a source queue, most recent first. */
  listMoveTasks(sourceArn: string, maxResults = 1): MoveTaskView[] {
    return this.#moveTasks.list(sourceArn, maxResults);
  }

  /**
   * Cancels a running move task.
   * @returns the number of messages moved so far.
   * @throws AwsServiceError `ResourceNotFoundException` for an unknown handle, `InvalidParameterValue`
   * when the task is not running.
   */
  cancelMoveTask(taskHandle: string): number {
    return this.#moveTasks.cancel(taskHandle);
  }

  /** Deletes every queue and task (all accounts and regions). */
  reset(): void {
    this.#moveTasks.reset();
    for (const queue of this.#queues.values()) queue.close();
    this.#queues.clear();
    this.#byArn.clear();
  }

  /** Ends every waiting receive with no messages (the server is stopping). */
  releaseWaiters(): void {
    for (const queue of this.#queues.values()) queue.releaseWaiters();
  }

  #validateRedrive(scope: SqsScope, policy: ReturnType<typeof parseRedrivePolicy>, fifo: boolean, name: string): void {
    if (policy === undefined) return;
    const target = this.#byArn.get(policy.deadLetterTargetArn);
    const parsed = parseQueueArn(policy.deadLetterTargetArn);
    if (target === undefined || parsed === undefined) {
      throw invalidAttributeValue("RedrivePolicy", "Dead letter target does not exist.");
    }
    if (target.fifo !== fifo) {
      throw invalidAttributeValue("RedrivePolicy", "Dead-letter queue must be same type of queue as the source.");
    }
    const allow = target.config.redriveAllowPolicy;
    const sourceArn = `arn:aws:sqs:${scope.region}:${scope.accountId}:${name}`;
    if (
      allow !== undefined &&
      (allow.redrivePermission === "denyAll" ||
        (allow.redrivePermission === "byQueue" && !allow.sourceQueueArns.includes(sourceArn)))
    ) {
      throw invalidAttributeValue(
        "RedrivePolicy",
        "Queue is not allowed to use the dead-letter target by its RedriveAllowPolicy.",
      );
    }
  }

  #policy(queue: SqsQueue): {
    Version: string;
    Id: string;
    Statement: Array<{ Sid?: string } & Record<string, unknown>>;
  } {
    if (queue.config.policy === undefined) {
      return { Version: "2012-10-17", Id: `${queue.arn}/SQSDefaultPolicy`, Statement: [] };
    }
    try {
      const parsed = JSON.parse(queue.config.policy) as { Statement?: unknown };
      const statements = Array.isArray(parsed.Statement)
        ? parsed.Statement
        : parsed.Statement === undefined
          ? []
          : [parsed.Statement];
      return { Version: "2012-10-17", Id: `${queue.arn}/SQSDefaultPolicy`, ...parsed, Statement: statements };
    } catch (cause) {
      throw new AwsServiceError("InvalidParameterValue", "The queue's policy is not valid JSON.", { cause });
    }
  }

  #key(accountId: string, region: string, name: string): string {
    return `${accountId}\u0000${region}\u0000${name}`;
  }
}
