/**
 * @module sqs/model/move-tasks
 * SQS message move tasks (`StartMessageMoveTask` and friends): moving messages out of a dead-letter queue,
 * to a destination or back to each message's source, at most `MaxNumberOfMessagesPerSecond` per second
 * (one clock timer per running task), with the statuses `ListMessageMoveTasks` reports.
 */

import { randomUUID } from "node:crypto";
import type { EmulatorClock, EmulatorTimer } from "../../clock.js";
import type { EmulatorEvents } from "../../events.js";
import { invalidParameter, invalidParameterValue, resourceNotFound } from "./errors.js";
import type { SqsQueue } from "./queue.js";
import { messageEventBase } from "./queue-events.js";

/** A message move task as `ListMessageMoveTasks` reports it. */
export interface MoveTaskView {
  taskHandle: string;
  status: "RUNNING" | "COMPLETED" | "CANCELLING" | "CANCELLED" | "FAILED";
  sourceArn: string;
  destinationArn: string | undefined;
  maxNumberOfMessagesPerSecond: number | undefined;
  approximateNumberOfMessagesMoved: number;
  approximateNumberOfMessagesToMove: number;
  failureReason: string | undefined;
  startedTimestamp: number;
}

interface MoveTask extends MoveTaskView {
  timer: EmulatorTimer | undefined;
}

/** Messages moved per second by a move task without an explicit rate. */
const DEFAULT_MOVE_RATE = 500;

/** What move tasks need from the SQS model. @internal */
export interface MoveTaskDeps {
  readonly clock: EmulatorClock;
  readonly events: EmulatorEvents;
  findQueueByArn(arn: string): SqsQueue | undefined;
  /** True when some queue's redrive policy names this one as its dead-letter queue. */
  isDeadLetterQueue(queue: SqsQueue): boolean;
}

/**
 * The move tasks of one emulator.
 * @internal
 * @example
 * ```ts
 * const tasks = new MoveTasks({ clock, events, findQueueByArn, isDeadLetterQueue });
 * const handle = tasks.start(dlqArn);
 * ```
 */
export class MoveTasks {
  readonly #deps: MoveTaskDeps;
  readonly #tasks = new Map<string, MoveTask>();

  constructor(deps: MoveTaskDeps) {
    this.#deps = deps;
  }

  /**
   * Starts moving messages out of a dead-letter queue, to `destinationArn` or back to each message's
   * source queue.
   * @throws AwsServiceError `ResourceNotFoundException`, `InvalidParameterValue`.
   */
  start(sourceArn: string, destinationArn?: string, maxPerSecond?: number): string {
    const source = this.#deps.findQueueByArn(sourceArn);
    if (source === undefined)
      throw resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
    if (!this.#deps.isDeadLetterQueue(source)) {
      throw invalidParameterValue("Source queue must be configured as a Dead Letter Queue.");
    }
    if (destinationArn !== undefined && this.#deps.findQueueByArn(destinationArn) === undefined) {
      throw resourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.");
    }
    if (maxPerSecond !== undefined && (!Number.isInteger(maxPerSecond) || maxPerSecond < 1 || maxPerSecond > 500)) {
      throw invalidParameter("MaxNumberOfMessagesPerSecond", maxPerSecond, "Must be between 1 and 500.");
    }
    for (const task of this.#tasks.values()) {
      if (task.sourceArn === sourceArn && task.status === "RUNNING") {
        throw invalidParameterValue(
          "There is already a task running. Only one active task is allowed for a source queue arn at a given time.",
        );
      }
    }
    const taskHandle = Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn }), "utf8").toString("base64");
    const task: MoveTask = {
      taskHandle,
      status: "RUNNING",
      sourceArn,
      destinationArn,
      maxNumberOfMessagesPerSecond: maxPerSecond,
      approximateNumberOfMessagesMoved: 0,
      approximateNumberOfMessagesToMove: source.visibleCount,
      failureReason: undefined,
      startedTimestamp: this.#deps.clock.now(),
      timer: undefined,
    };
    this.#tasks.set(taskHandle, task);
    task.timer = this.#deps.clock.setTimeout(() => this.#run(task), 0);
    return taskHandle;
  }

  /** Move tasks of a source queue, most recent first. */
  list(sourceArn: string, maxResults = 1): MoveTaskView[] {
    if (this.#deps.findQueueByArn(sourceArn) === undefined) {
      throw resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
    }
    const tasks = [...this.#tasks.values()].filter((task) => task.sourceArn === sourceArn).reverse();
    return tasks.slice(0, maxResults).map(({ timer: _timer, ...view }) => view);
  }

  /**
   * Cancels a running move task.
   * @returns the number of messages moved so far.
   * @throws AwsServiceError `ResourceNotFoundException` for an unknown handle, `InvalidParameterValue`
   * when the task is not running.
   */
  cancel(taskHandle: string): number {
    const task = this.#tasks.get(taskHandle);
    if (task === undefined) throw resourceNotFound("Task does not exist.");
    if (task.status !== "RUNNING") throw invalidParameterValue("Only active tasks can be cancelled.");
    this.#deps.clock.clearTimeout(task.timer);
    task.status = "CANCELLED";
    return task.approximateNumberOfMessagesMoved;
  }

  /** Stops and forgets every task. */
  reset(): void {
    for (const task of this.#tasks.values()) this.#deps.clock.clearTimeout(task.timer);
    this.#tasks.clear();
  }

  #run(task: MoveTask): void {
    task.timer = undefined;
    if (task.status !== "RUNNING") return;
    const source = this.#deps.findQueueByArn(task.sourceArn);
    if (source === undefined) {
      task.status = "FAILED";
      task.failureReason = "AWS.SimpleQueueService.NonExistentQueue";
      return;
    }
    const rate = task.maxNumberOfMessagesPerSecond ?? DEFAULT_MOVE_RATE;
    const now = this.#deps.clock.now();
    for (const message of source.takeForMove(rate)) {
      const destinationArn = task.destinationArn ?? message.deadLetterSourceArn;
      const destination = destinationArn === undefined ? undefined : this.#deps.findQueueByArn(destinationArn);
      if (destination === undefined || destinationArn === undefined) {
        source.acceptMoved(message, message.deadLetterSourceArn);
        task.status = "FAILED";
        task.failureReason = "AWS.SimpleQueueService.NonExistentQueue";
        return;
      }
      destination.acceptMoved(message, undefined);
      task.approximateNumberOfMessagesMoved++;
      if (this.#deps.events.has("sqs.message-moved")) {
        this.#deps.events.emit("sqs.message-moved", { ...messageEventBase(source, message.id, now), destinationArn });
      }
    }
    if (task.approximateNumberOfMessagesMoved >= task.approximateNumberOfMessagesToMove || source.visibleCount === 0) {
      task.status = "COMPLETED";
      return;
    }
    task.timer = this.#deps.clock.setTimeout(() => this.#run(task), 1_000);
  }
}
