import { describe, expect, it } from "vitest";
import { exponential, fibonacci, fixed, strategies, toIntervalStrategy } from "./strategies.js";

const first = (strategy: (attempt: number) => number, n: number) =>
  Array.from({ length: n }, (_, index) => strategy(index + 1));

describe("fixed", () => {
  it("returns the same delay for every attempt", () => {
    expect(first(fixed(30), 3)).toEqual([30, 30, 30]);
  });

  it("throws a TypeError naming ms when the delay is not positive", () => {
    expect(() => fixed(0)).toThrow(/`ms`.*got 0/);
  });
});

describe("fibonacci", () => {
  it("grows along the Fibonacci sequence in units and stops at max", () => {
    expect(first(fibonacci({ unit: 10, max: 100 }), 9)).toEqual([10, 10, 20, 30, 50, 80, 100, 100, 100]);
  });

  it("uses a 10 ms unit and a 1000 ms cap by default", () => {
    expect(first(fibonacci(), 3)).toEqual([10, 10, 20]);
    expect(fibonacci()(50)).toBe(1000);
  });

  it("throws a TypeError naming the option when unit or max is invalid", () => {
    expect(() => fibonacci({ unit: -1 })).toThrow(/`unit`/);
    expect(() => fibonacci({ max: 0 })).toThrow(/`max`/);
  });
});

describe("exponential", () => {
  it("multiplies the delay by the factor each attempt and stops at max", () => {
    expect(first(exponential({ initial: 5, factor: 3, max: 100 }), 5)).toEqual([5, 15, 45, 100, 100]);
  });

  it("draws a jittered delay from the injected random source", () => {
    const strategy = exponential({ initial: 100, factor: 1, jitter: 0.5, random: () => 0.5 });
    expect(strategy(1)).toBe(75);
    expect(exponential({ initial: 100, jitter: 1, random: () => 0 })(1)).toBe(100);
  });

  it("throws a TypeError naming the option when an option is out of range", () => {
    expect(() => exponential({ factor: 0.5 })).toThrow(/`factor`/);
    expect(() => exponential({ jitter: 2 })).toThrow(/`jitter`/);
    expect(() => exponential({ initial: Number.NaN })).toThrow(/`initial`/);
    expect(() => exponential({ random: 1 as never })).toThrow(/`random`/);
  });
});

describe("strategies", () => {
  it("offers every strategy behind one name", () => {
    expect(strategies.fixed(7)(1)).toBe(7);
    expect(Object.isFrozen(strategies)).toBe(true);
  });
});

describe("toIntervalStrategy", () => {
  it("turns a number into a constant strategy", () => {
    expect(toIntervalStrategy("interval", 20)(5)).toBe(20);
  });

  it("throws when a strategy function returns NaN", () => {
    expect(() => toIntervalStrategy("interval", () => Number.NaN)(1)).toThrow(/`interval\(1\)`/);
  });
});
