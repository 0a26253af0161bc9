/**
 * @module probity
 * Async probes and business locks for testing asynchronous, event-driven systems.
 */
export type { Clock, TimerHandle } from "./clock.js";
export { realClock, VirtualClock } from "./clock.js";
export type { IntervalOption, ProbityConfiguration } from "./configure.js";
export { configure, DEFAULT_CONFIGURATION, getConfiguration, resetConfiguration } from "./configure.js";
export type { ProbityErrorOptions } from "./errors.js";
export { ProbityError } from "./errors.js";
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
export type {
  EmitterWakeSource,
  EventEmitterLike,
  EventTargetLike,
  SubscribeWakeSource,
  WakeSource,
} from "./wake-on.js";
