/**
 * @module bench/probes/scenarios
 * The measurements of bench/probes, run for one peer at a time with real timers. Shared by run.ts and
 * the vitest-hosted run of vi.waitFor, so every peer goes through the same code.
 */
import { type Peer, wakeEmitter } from "./peers.js";

/** Everything measured for one peer. Times in ms, CPU in ms of CPU per second of waiting. */
export interface PeerResult {
  name: string;
  defaultInterval: number;
  passesSignal: boolean;
  reactionDefault: number[];
  reaction10: number[];
  overshoot: number[];
  callsAfterSettle: number;
  cpuPerSecond: number;
  hung: { rejectedAtMs: number; aborted: boolean; callsAfterSettle: number };
  cpuPerWaiter100: number;
}

/** How much to measure; `quick` is for smoke runs. */
export interface ScenarioPlan {
  reactionDefaultReps: number;
  reaction10Reps: number;
  overshootReps: number;
  cpuWindowMs: number;
  waiters: number;
}

export const PLAN: ScenarioPlan = {
  reactionDefaultReps: 15,
  reaction10Reps: 40,
  overshootReps: 12,
  cpuWindowMs: 1000,
  waiters: 100,
};

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/**
 * Latency from the condition turning true to the waiter's promise resolving. The flip happens at a
 * random moment within two intervals, so polling peers show their average wait.
 */
export async function reaction(
  peer: Peer,
  interval: number | undefined,
  reps: number,
  wake = false,
): Promise<number[]> {
  const span = 2 * (interval ?? peer.defaultInterval);
  const latencies: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    let ready = false;
    let readyAt = 0;
    const done = peer.wait({ condition: () => ready, interval, timeout: 10_000 });
    const flip = setTimeout(
      () => {
        ready = true;
        readyAt = performance.now();
        if (wake) wakeEmitter.emit("change");
      },
      1 + Math.random() * span,
    );
    await done;
    latencies.push(performance.now() - readyAt);
    clearTimeout(flip);
  }
  return latencies;
}

/** How far past a 200 ms timeout each rejection lands, and how often the condition runs afterwards. */
export async function overshoot(peer: Peer, reps: number): Promise<{ overshoot: number[]; callsAfterSettle: number }> {
  const results: number[] = [];
  let callsAfterSettle = 0;
  for (let rep = 0; rep < reps; rep++) {
    let settled = false;
    const condition = () => {
      if (settled) callsAfterSettle++;
      return false;
    };
    const started = performance.now();
    await peer.wait({ condition, interval: undefined, timeout: 200 }).catch(() => {});
    results.push(performance.now() - started - 200);
    settled = true;
  }
  await pause(300);
  return { overshoot: results, callsAfterSettle };
}

/** CPU burnt by one waiter whose condition never holds, per second of waiting. */
export async function cpuPerSecond(peer: Peer, windowMs: number): Promise<number> {
  const before = process.cpuUsage();
  const started = performance.now();
  await peer.wait({ condition: () => false, interval: undefined, timeout: windowMs }).catch(() => {});
  const seconds = (performance.now() - started) / 1000;
  return cpuMs(process.cpuUsage(before)) / seconds;
}

/** CPU per waiter and second with `waiters` concurrent waiters whose condition never holds. */
export async function cpuPerWaiter(peer: Peer, waiters: number, windowMs: number): Promise<number> {
  const before = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: waiters }, () =>
      peer.wait({ condition: () => false, interval: undefined, timeout: windowMs }).catch(() => {}),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  return cpuMs(process.cpuUsage(before)) / seconds / waiters;
}

/**
 * A probe whose first attempt takes 1 s, with a 200 ms timeout: when does the waiter reject? Up to three
 * runs (median), one when a run takes longer than two seconds.
 */
export async function hung(peer: Peer): Promise<PeerResult["hung"]> {
  const runs: PeerResult["hung"][] = [];
  for (let rep = 0; rep < 3; rep++) {
    const run = await hungOnce(peer);
    runs.push(run);
    if (run.rejectedAtMs > 2000) break;
  }
  runs.sort((a, b) => a.rejectedAtMs - b.rejectedAtMs);
  const middle = runs[Math.floor((runs.length - 1) / 2)] as PeerResult["hung"];
  return { ...middle, callsAfterSettle: runs.reduce((sum, run) => sum + run.callsAfterSettle, 0) };
}

async function hungOnce(peer: Peer): Promise<PeerResult["hung"]> {
  let aborted = false;
  let settled = false;
  let callsAfterSettle = 0;
  const condition = () => {
    if (settled) callsAfterSettle++;
    return new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000));
  };
  const started = performance.now();
  await peer
    .wait({
      condition,
      interval: undefined,
      timeout: 200,
      onSignal: (signal) => signal.addEventListener("abort", () => (aborted = true)),
    })
    .catch(() => {});
  const rejectedAtMs = performance.now() - started;
  settled = true;
  await pause(1200);
  return { rejectedAtMs, aborted, callsAfterSettle };
}

/** Every scenario for one peer, in a fixed order. */
export async function measure(peer: Peer, plan: ScenarioPlan = PLAN): Promise<PeerResult> {
  // Warm-up: let the JIT compile each peer's paths before anything is recorded.
  await reaction(peer, 10, 5);
  await Promise.all(
    Array.from({ length: 20 }, () => peer.wait({ condition: () => false, interval: 5, timeout: 30 }).catch(() => {})),
  );
  const reactionDefault = await reaction(peer, undefined, plan.reactionDefaultReps);
  const reaction10 = await reaction(peer, 10, plan.reaction10Reps);
  const over = await overshoot(peer, plan.overshootReps);
  const cpu = await cpuPerSecond(peer, plan.cpuWindowMs);
  const hungResult = await hung(peer);
  const cpu100 = await cpuPerWaiter(peer, plan.waiters, plan.cpuWindowMs);
  return {
    name: peer.name,
    defaultInterval: peer.defaultInterval,
    passesSignal: peer.passesSignal,
    reactionDefault,
    reaction10,
    overshoot: over.overshoot,
    callsAfterSettle: over.callsAfterSettle,
    cpuPerSecond: cpu,
    hung: hungResult,
    cpuPerWaiter100: cpu100,
  };
}
