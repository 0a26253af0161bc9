import { describe, expect, it } from "vitest";
import { type OrderedFile, regroupByWaitTier, SERVICE_TEST_FILES, waitTier } from "./support/file-order.js";

function file(project: string, path: string): OrderedFile {
  const root = project === "customers" ? "/repo/examples/customers" : `/repo/packages/${project}`;
  return { project: { name: project, config: { root } }, moduleId: `${root}/${path}` };
}

describe("waitTier", () => {
  it("puts unit tests first, backend tests next and tests of the service processes last", () => {
    expect(waitTier("src/shared/json-base.test.ts")).toBe(0);
    expect(waitTier("test/customer-app.test.ts")).toBe(1);
    for (const path of SERVICE_TEST_FILES) expect(waitTier(path)).toBe(2);
  });
});

describe("regroupByWaitTier", () => {
  it("regroups the customers files by what they wait for and leaves other projects' files in place", () => {
    const files = [
      file("customers", "test/customer-service.test.ts"),
      file("customers", "test/customer-app.test.ts"),
      file("core", "src/probe-until.test.ts"),
      file("customers", "src/shared/json-base.test.ts"),
      file("customers", "test/end-to-end.test.ts"),
      file("customers", "src/orders/order-http.test.ts"),
    ];

    const sorted = regroupByWaitTier(files);

    expect(sorted.map((f) => `${f.project.name}:${f.moduleId.split("/").slice(-2).join("/")}`)).toEqual([
      "customers:shared/json-base.test.ts",
      "customers:orders/order-http.test.ts",
      "core:src/probe-until.test.ts",
      "customers:test/customer-app.test.ts",
      "customers:test/customer-service.test.ts",
      "customers:test/end-to-end.test.ts",
    ]);
  });
});
