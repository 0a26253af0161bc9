import { afterEach, describe, expect, it } from "vitest";
import { configure, DEFAULT_CONFIGURATION, getConfiguration, resetConfiguration } from "./configure.js";

describe("configure", () => {
  afterEach(() => resetConfiguration());

  it("changes the defaults and returns the previous ones", () => {
    const previous = configure({ timeout: 10_000 });
    expect(previous.timeout).toBe(DEFAULT_CONFIGURATION.timeout);
    expect(getConfiguration().timeout).toBe(10_000);
  });

  it("rejects a negative timeout with a TypeError naming the option, changing nothing", () => {
    expect(() => configure({ timeout: -1 })).toThrow(/`timeout`.*got -1/);
    expect(getConfiguration().timeout).toBe(DEFAULT_CONFIGURATION.timeout);
  });

  it("rejects a zero interval", () => {
    expect(() => configure({ interval: 0 })).toThrow(/`interval`/);
  });

  it("rejects a non-positive timeout scale", () => {
    expect(() => configure({ timeoutScale: 0 })).toThrow(/`timeoutScale`/);
  });
});
