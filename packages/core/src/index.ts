/**
 * @module probity
 * Async probes and business locks for testing asynchronous, event-driven systems.
 */
export type { Clock, TimerHandle } from "./clock.js";
export { realClock, VirtualClock } from "./clock.js";
export type { IntervalOption, ProbityConfiguration } from "./configure.js";
export { configure, DEFAULT_CONFIGURATION, getConfiguration, resetConfiguration } from "./configure.js";
export type { Deferred, DeferredOptions } from "./deferred.js";
export { deferred } from "./deferred.js";
export { describeValue } from "./describe-value.js";
export type { ProbityErrorOptions } from "./errors.js";
export { ProbityError } from "./errors.js";
export type { EventEmitterLike, EventTargetLike } from "./event-source.js";
export type { Latch, LatchOptions } from "./latch.js";
export { latch } from "./latch.js";
export type { BusinessLockTimeoutDetails } from "./lock-errors.js";
export { BusinessLockTimeoutError } from "./lock-errors.js";
export type { LockWaitOptions } from "./lock-wait-options.js";
export type { MethodBarrier, MethodBarrierOptions } from "./method-barrier.js";
export { methodBarrier } from "./method-barrier.js";
export type {
  FinishedMethodCall,
  MethodArgs,
  MethodCall,
  MethodKey,
  MethodResult,
  PendingMethodCall,
  ReturnedMethodCall,
  ThrewMethodCall,
} from "./method-call.js";
export type { CalledOptions, MethodProbe, NextCallOptions, ProbeMethodOptions } from "./method-probe.js";
export { probeMethod } from "./method-probe.js";
export type { AttemptEvent, AttemptListener, Probe, ProbeContext } from "./probe.js";
export type { ProbeDuringOptions, ResolvedProbeDuringOptions } from "./probe-during.js";
export { DEFAULT_PROBE_DURING_OPTIONS, probeDuring, resolveProbeDuringOptions } from "./probe-during.js";
export type { ProbeErrorCount, ProbeFailedDetails, ProbeFailedReason, ProbeTimeoutDetails } from "./probe-errors.js";
export { ProbeFailedError, ProbeTimeoutError } from "./probe-errors.js";
export type { ProbeUntilOptions, ResolvedProbeUntilOptions } from "./probe-until.js";
export { DEFAULT_PROBE_UNTIL_OPTIONS, probeUntil, resolveProbeUntilOptions } from "./probe-until.js";
export type { ExponentialOptions, FibonacciOptions, IntervalStrategy } from "./strategies.js";
export {
  DEFAULT_EXPONENTIAL_OPTIONS,
  DEFAULT_FIBONACCI_OPTIONS,
  exponential,
  fibonacci,
  fixed,
  strategies,
} from "./strategies.js";
export type { Predicate } from "./until.js";
export { until } from "./until.js";
export type { WaitForEventOptions } from "./wait-for-event.js";
export { waitForEvent } from "./wait-for-event.js";
export type { EmitterWakeSource, SubscribeWakeSource, WakeSource } from "./wake-on.js";
