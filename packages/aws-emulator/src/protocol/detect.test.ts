import { describe, expect, it } from "vitest";
import { accountFromAccessKey, detectProtocol, parseCredentialScope } from "./detect.js";

describe("parseCredentialScope", () => {
  it("reads key, region and service when the header is SigV4", () => {
    expect(
      parseCredentialScope(
        "AWS4-HMAC-SHA256 Credential=AKID/20250101/eu-west-1/sqs/aws4_request, SignedHeaders=host, Signature=abc",
      ),
    ).toEqual({ accessKeyId: "AKID", region: "eu-west-1", service: "sqs" });
  });

  it("returns undefined when the header is absent or not SigV4", () => {
    expect(parseCredentialScope(undefined)).toBeUndefined();
    expect(parseCredentialScope("Basic abc")).toBeUndefined();
  });
});

describe("accountFromAccessKey", () => {
  it("selects the account when the key is 12 digits", () => {
    expect(accountFromAccessKey("123456789012")).toBe("123456789012");
    expect(accountFromAccessKey("AKIAEXAMPLE")).toBeUndefined();
  });
});

describe("detectProtocol", () => {
  it("splits the target when X-Amz-Target is set", () => {
    expect(detectProtocol("AmazonSQS.SendMessage", "application/x-amz-json-1.0", "POST", "")).toEqual({
      protocol: "json",
      targetPrefix: "AmazonSQS",
      action: "SendMessage",
    });
  });

  it("chooses Query when the body is a form or a GET carries Action", () => {
    expect(detectProtocol(undefined, "application/x-www-form-urlencoded; charset=utf-8", "POST", "")).toEqual({
      protocol: "query",
    });
    expect(detectProtocol(undefined, undefined, "GET", "Action=ListQueues")).toEqual({ protocol: "query" });
    expect(detectProtocol(undefined, "text/plain", "PUT", "")).toEqual({ protocol: "unknown" });
  });
});
