import { describe, expect, it } from "vitest";
import { readAwsConfig, readIntSetting } from "./aws-config.js";

describe("readAwsConfig", () => {
  it("uses AWS_ENDPOINT_URL for every service when no per-service endpoint is set", () => {
    const config = readAwsConfig({ AWS_ENDPOINT_URL: "http://e", AWS_SQS_ENDPOINT_URL: "http://q" });
    expect(config.endpoints).toEqual({ sns: "http://e", sqs: "http://q", dynamodb: "http://e" });
    expect(config.region).toBe("us-east-1");
    expect(config.credentials).toBeUndefined();
  });

  it("reads region and static credentials when both keys are set", () => {
    const config = readAwsConfig({ AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "s" });
    expect(config).toEqual({
      region: "eu-west-1",
      credentials: { accessKeyId: "a", secretAccessKey: "s" },
      endpoints: {},
    });
  });
});

describe("readIntSetting", () => {
  it("returns the default when the variable is unset or blank", () => {
    expect(readIntSetting({}, "N", 3, 1)).toBe(3);
    expect(readIntSetting({ N: " " }, "N", 3, 1)).toBe(3);
  });

  it("throws a TypeError naming the variable when the value is not an integer >= min", () => {
    expect(() => readIntSetting({ N: "1.5" }, "N", 3, 1)).toThrow(/N must be an integer >= 1, got "1.5"/);
    expect(() => readIntSetting({ N: "0" }, "N", 3, 1)).toThrow(TypeError);
  });
});
