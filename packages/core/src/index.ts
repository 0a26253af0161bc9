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
