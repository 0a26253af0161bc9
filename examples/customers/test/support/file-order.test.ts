import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type OrderedFile, regroupByWaitTier, SERVICE_TEST_FILES, waitTier } from "./file-order.js";

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

describe("SERVICE_TEST_FILES", () => {
  it("lists exactly the test files that take the suite's `it` (the one that waits for the services)", async () => {
    const dir = fileURLToPath(new URL("..", import.meta.url));
    const files = (await readdir(dir)).filter((name) => name.endsWith(".test.ts"));
    const usingSuiteIt: string[] = [];
    for (const name of files) {
      const source = await readFile(`${dir}${name}`, "utf8");
      const suiteImport = /import \{([^}]*)\} from "\.\/support\/suite\.js"/.exec(source)?.[1] ?? "";
      if (/(^|[\s,])it([\s,]|$)/.test(suiteImport)) usingSuiteIt.push(`test/${name}`);
    }
    expect(usingSuiteIt.sort()).toEqual([...SERVICE_TEST_FILES].sort());
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
