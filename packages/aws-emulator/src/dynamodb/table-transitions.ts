/**
 * @module dynamodb/table-transitions
 * Table transitions that no later request can see half-done.
 *
 * Dynalite runs with `createTableMs`, `updateTableMs` and `deleteTableMs` at 0, yet a transition still
 * takes two steps: it stores the table as `CREATING` (`UPDATING`, `DELETING`), answers, and stores the
 * end state from a `setTimeout(…, 0)`. A request that lands in between sees the transitional status.
 * Clients wait that out the way they would on AWS, and their waiters sleep at least a second for it:
 * the SDK's `waitUntilTableExists` has a 1 s minimum delay (20 s by default). Two processes that both ensure
 * the same table on start (a service and its test) hit that window about once in ten test runs.
 *
 * So, per dynalite instance: a request of a table action (`CreateTable`, `UpdateTable`, `DeleteTable`) is
 * answered only once the table has left its transitional state, and every request that arrives in the
 * meantime waits for that too. The action's own answer still shows the transitional status, as AWS's
 * does; no later answer does.
 *
 * Under fake timers that replace the global `setTimeout` of the process hosting the emulator, dynalite's
 * end-state write waits for the fake clock, as it always did: a table action then answers after
 * {@link MAX_SETTLE_TICKS} real ticks with its table still in transition.
 */

import { clearTimeout, setTimeout } from "node:timers";
import { setTimeout as nextTimerTick } from "node:timers/promises";
import type { AwsHttpRequest, AwsHttpResponse } from "../protocol/http-types.js";
import { dynaliteRequestOf } from "./dynalite-request.js";

/** Actions that move a table through a transitional status. */
export const TABLE_TRANSITION_ACTIONS: ReadonlySet<string> = new Set(["CreateTable", "UpdateTable", "DeleteTable"]);

/** Statuses a table (`TableStatus`) or an index (`IndexStatus`) passes through. */
const TRANSITIONAL = new Set(["CREATING", "UPDATING", "DELETING"]);

/**
 * How many timer ticks to wait for dynalite's end-state write before answering anyway. It lands on the
 * first tick or the second; the bound only keeps a surprise from holding requests forever.
 */
const MAX_SETTLE_TICKS = 100;

/**
 * How long a table action may hold the requests behind it, in real milliseconds. Dynalite answers one in
 * a few; the bound only keeps one that never answers (its lock lost to an internal error) from holding
 * every later request of its account and region.
 */
export const DEFAULT_HOLD_LIMIT_MS = 2_000;

/** Sends a request to the same dynalite instance (the route's `driveDynalite`). */
export type DriveDynalite = (request: AwsHttpRequest) => Promise<AwsHttpResponse>;

/** Options of {@link TableTransitions}. */
export interface TableTransitionsOptions {
  /** The region the instance serves (named in its internal requests' signatures). */
  region: string;
  /** @default {@link DEFAULT_HOLD_LIMIT_MS} */
  holdLimitMs?: number;
}

interface DescribedTable {
  TableStatus?: unknown;
  GlobalSecondaryIndexes?: { IndexStatus?: unknown }[];
}

/** True when a `DescribeTable` answer shows the table or one of its indexes in a transitional status. */
export function inTransition(answer: AwsHttpResponse): boolean {
  if (answer.status !== 200) return false;
  let table: DescribedTable | undefined;
  try {
    table = (JSON.parse(answer.body) as { Table?: DescribedTable }).Table;
  } catch {
    return false;
  }
  if (table === undefined) return false;
  if (TRANSITIONAL.has(String(table.TableStatus))) return true;
  return (table.GlobalSecondaryIndexes ?? []).some((index) => TRANSITIONAL.has(String(index.IndexStatus)));
}

/** The `TableName` of a table action's body, when it has one. */
function tableNameOf(body: string): string | undefined {
  try {
    const name = (JSON.parse(body) as { TableName?: unknown } | null)?.TableName;
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Orders one dynalite instance's requests around its table transitions (see the module doc).
 * @example
 * ```ts
 * const transitions = new TableTransitions((request) => driveDynalite(server, request, onError), { region });
 * const answer = await transitions.answer(action, request);
 * ```
 */
export class TableTransitions {
  readonly #drive: DriveDynalite;
  readonly #region: string;
  readonly #holdLimitMs: number;
  /**
   * Settles once every table action received so far has been answered and its table has settled (or
   * has held later requests for the hold limit).
   */
  #settled: Promise<void> = Promise.resolve();
  #pending = 0;

  constructor(drive: DriveDynalite, options: TableTransitionsOptions) {
    this.#drive = drive;
    this.#region = options.region;
    this.#holdLimitMs = options.holdLimitMs ?? DEFAULT_HOLD_LIMIT_MS;
  }

  /**
   * Dynalite's answer to `request` (of DynamoDB action `action`), given once every earlier table
   * transition has settled; for a table action, once its own has too.
   */
  answer(action: string | undefined, request: AwsHttpRequest): Promise<AwsHttpResponse> {
    const tableName =
      action !== undefined && TABLE_TRANSITION_ACTIONS.has(action) ? tableNameOf(request.body) : undefined;
    // The common case, no transition under way: straight to dynalite, no extra tick.
    const before = this.#pending === 0 ? undefined : this.#settled;
    const answered = before === undefined ? this.#drive(request) : before.then(() => this.#drive(request));
    if (tableName === undefined) return answered;
    const done = answered.then(async (answer) => {
      if (answer.status === 200) await this.#settle(tableName);
      return answer;
    });
    this.#pending++;
    this.#settled = this.#held(done).then(() => {
      this.#pending--;
    });
    return done;
  }

  /** Resolves when `done` settles, or after the hold limit (a real-time timer that keeps no process alive). */
  #held(done: Promise<unknown>): Promise<void> {
    return new Promise<void>((release) => {
      const limit = setTimeout(release, this.#holdLimitMs);
      limit.unref();
      const finish = (): void => {
        clearTimeout(limit);
        release();
      };
      done.then(finish, finish);
    });
  }

  /** Waits, a timer tick at a time, until `tableName` is in no transitional status (or is gone). */
  async #settle(tableName: string): Promise<void> {
    for (let tick = 0; tick < MAX_SETTLE_TICKS; tick++) {
      const described = await this.#drive(
        dynaliteRequestOf("DescribeTable", JSON.stringify({ TableName: tableName }), this.#region),
      );
      if (!inTransition(described)) return;
      // Dynalite writes the end state from a setTimeout(…, 0): the next timer tick is the earliest it can land.
      await nextTimerTick(0);
    }
  }
}
