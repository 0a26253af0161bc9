import { describe, expect, it } from "vitest";
import type { TestSpecification, Vitest } from "vitest/node";
import { CustomersSequencer, SERVICE_TEST_FILES, waitTier } from "./support/sequencer.js";

const ROOT = "/repo";

function spec(project: string, path: string): TestSpecification {
  const root = project === "customers" ? `${ROOT}/examples/customers` : `${ROOT}/packages/${project}`;
  return {
    project: { name: project, config: { root, isolate: true, sequence: { groupOrder: 0 } } },
    moduleId: `${root}/${path}`,
  } as unknown as TestSpecification;
}

/** A vitest with no cached results: its own order is then by project, then as given. */
const vitest = {
  config: { root: ROOT },
  cache: { getFileTestResults: () => undefined, getFileStats: () => undefined },
} as unknown as Vitest;

describe("waitTier", () => {
  it("puts unit tests first, backend tests next and tests of the service processes last", () => {
    expect(waitTier("src/shared/json-base.test.ts")).toBe(0);
    expect(waitTier("test/customer-app.test.ts")).toBe(1);
    for (const file of SERVICE_TEST_FILES) expect(waitTier(file)).toBe(2);
  });
});

describe("CustomersSequencer", () => {
  it("regroups the customers files by what they wait for and leaves other projects where vitest put them", async () => {
    const files = [
      spec("customers", "test/customer-service.test.ts"),
      spec("customers", "test/customer-app.test.ts"),
      spec("customers", "src/shared/json-base.test.ts"),
      spec("customers", "test/end-to-end.test.ts"),
      spec("customers", "src/orders/order-http.test.ts"),
      spec("core", "src/probe-until.test.ts"),
    ];

    const sorted = await new CustomersSequencer(vitest).sort(files);

    expect(sorted.map((file) => `${file.project.name}:${file.moduleId.split("/").slice(-2).join("/")}`)).toEqual([
      "core:src/probe-until.test.ts",
      "customers:shared/json-base.test.ts",
      "customers:orders/order-http.test.ts",
      "customers:test/customer-app.test.ts",
      "customers:test/customer-service.test.ts",
      "customers:test/end-to-end.test.ts",
    ]);
  });
});
