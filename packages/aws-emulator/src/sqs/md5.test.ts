import { describe, expect, it } from "vitest";
import { md5OfAttributes, md5OfBody } from "./md5.js";

// Expected digests computed by moto's independent implementation (moto.sqs.models.Message).
describe("md5OfBody", () => {
  it("hashes the UTF-8 bytes when the body has non-ASCII characters", () => {
    expect(md5OfBody("hello")).toBe("5d41402abc4b2a76b9719d911017c592");
    expect(md5OfBody("héllo €")).toBe("6a1950b864488746748ba6312d3ce712");
  });
});

describe("md5OfAttributes", () => {
  it("matches moto's digest when given one string attribute", () => {
    expect(md5OfAttributes({ test: { dataType: "String", stringValue: "test" } })).toBe(
      "ddb45ae313fa7f1b0fbf07d6f3b9e1c5",
    );
  });

  it("matches moto's digest when given string, number and binary attributes in any order", () => {
    expect(
      md5OfAttributes({
        test: { dataType: "String", stringValue: "test" },
        n: { dataType: "Number.int", stringValue: "42" },
        bin: { dataType: "Binary", binaryValue: new Uint8Array([1, 2, 3]) },
      }),
    ).toBe("1d8a4774d7e0ae897721f0623f286e0e");
  });

  it("returns undefined when there are no attributes", () => {
    expect(md5OfAttributes(undefined)).toBeUndefined();
    expect(md5OfAttributes({})).toBeUndefined();
  });
});
