import { describe, expectTypeOf, it } from "vitest";
import { probeDuring } from "./probe-during.js";
import { probeUntil } from "./probe-until.js";
import { until } from "./until.js";

describe("probeUntil types", () => {
  it("resolves with the awaited value of sync and async probes", () => {
    expectTypeOf(probeUntil(() => 1)).resolves.toEqualTypeOf<number>();
    expectTypeOf(probeUntil(async () => ({ id: "o-1" }))).resolves.toEqualTypeOf<{ id: string }>();
    expectTypeOf(probeUntil(until(() => new Map<string, number>().get("k")))).resolves.toEqualTypeOf<
      number | undefined
    >();
  });

  it("types onAttempt events with the probe's value", () => {
    const start = () =>
      probeUntil(() => "x", {
        onAttempt: (event) => {
          if (event.outcome === "success") expectTypeOf(event.value).toEqualTypeOf<string>();
          else expectTypeOf(event.error).toEqualTypeOf<Error>();
        },
      });
    expectTypeOf(start).returns.resolves.toEqualTypeOf<string>();
  });

  it("resolves probeDuring with void", () => {
    expectTypeOf(probeDuring(() => undefined, { duration: 10 })).resolves.toBeVoid();
  });
});
