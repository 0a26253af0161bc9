import { describe, expect, it } from "vitest";
import { EmulatorEvents } from "../events.js";
import { EventLog } from "./event-log.js";

function sent(events: EmulatorEvents, queueName: string): void {
  events.emit("sqs.queue-created", { accountId: "000000000000", region: "us-east-1", queueName, queueArn: "a", at: 0 });
}

describe("EventLog", () => {
  it("records nothing when nobody has used it", () => {
    const events = new EmulatorEvents();
    const log = new EventLog(events, 4);
    sent(events, "q");
    expect(log.lastId).toBe(0);
    expect(events.has("sqs.queue-created")).toBe(false);
  });

  it("replays events after an id when it was started", () => {
    const events = new EmulatorEvents();
    const log = new EventLog(events, 4);
    log.start();
    for (const name of ["a", "b", "c"]) sent(events, name);
    const replay = log.replaySince(1);
    expect(replay.events.map((e) => [e.id, (e.event as { queueName: string }).queueName])).toEqual([
      [2, "b"],
      [3, "c"],
    ]);
    expect(replay.missed).toBeUndefined();
  });

  it("reports the ids lost to the ring size when a client is too far behind", () => {
    const events = new EmulatorEvents();
    const log = new EventLog(events, 3);
    log.start();
    for (const name of ["a", "b", "c", "d", "e", "f"]) sent(events, name);
    const replay = log.replaySince(1);
    expect(replay.missed).toEqual([2, 3]);
    expect(replay.events.map((e) => e.id)).toEqual([4, 5, 6]);
  });

  it("stops calling listeners after unsubscribe and after stop", () => {
    const events = new EmulatorEvents();
    const log = new EventLog(events, 3);
    const ids: number[] = [];
    const off = log.listen((logged) => ids.push(logged.id));
    sent(events, "a");
    off();
    sent(events, "b");
    expect(ids).toEqual([1]);
    expect(log.listenerCount).toBe(0);
    log.stop();
    expect(events.has("sqs.queue-created")).toBe(false);
  });

  it("rejects a capacity below 1", () => {
    expect(() => new EventLog(new EmulatorEvents(), 0)).toThrow(/capacity/);
  });
});
