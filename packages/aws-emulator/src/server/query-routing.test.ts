import { describe, expect, it } from "vitest";
import type { ServiceDefinition } from "../protocol/service.js";
import { AwsRequestHandler } from "./handler.js";

function service(name: string, actions: string[], queryPathMember?: string): ServiceDefinition {
  return {
    name,
    jsonErrorPrefix: `com.amazonaws.${name}#`,
    xmlNamespace: `urn:${name}`,
    apiVersion: "1",
    query: { input: {}, integers: new Set(), output: {} },
    ...(queryPathMember === undefined ? {} : { queryPathMember }),
    actions: Object.fromEntries(actions.map((action) => [action, () => ({ Service: name })])),
  };
}

const handler = new AwsRequestHandler({
  services: [
    service("sqs", ["SendMessage", "AddPermission"], "QueueUrl"),
    service("sns", ["Publish", "AddPermission"]),
    service("sts", ["GetCallerIdentity"]),
  ],
  defaultRegion: "us-east-1",
  defaultAccountId: "000000000000",
});

async function serviceOf(action: string, options: { path?: string; scope?: string } = {}): Promise<string> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (options.scope !== undefined) {
    headers.authorization = `AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/${options.scope}/aws4_request, SignedHeaders=host, Signature=x`;
  }
  const response = await handler.handle(
    new Request(`http://localhost${options.path ?? "/"}`, { method: "POST", headers, body: `Action=${action}` }),
  );
  const match = /<Service>(\w+)<\/Service>|<Code>(\w+)<\/Code>/.exec(await response.text());
  return match?.[1] ?? `error:${match?.[2]}`;
}

describe("AwsRequestHandler Query routing", () => {
  it("routes by the SigV4 scope's service when the request is signed", async () => {
    expect(await serviceOf("AddPermission", { scope: "sns", path: "/000000000000/q" })).toBe("sns");
    expect(await serviceOf("AddPermission", { scope: "sqs" })).toBe("sqs");
  });

  it("routes an unsigned request to the only service that has the action", async () => {
    expect(await serviceOf("Publish")).toBe("sns");
    expect(await serviceOf("SendMessage")).toBe("sqs");
    expect(await serviceOf("GetCallerIdentity")).toBe("sts");
  });

  it("routes a shared action by path when the request is unsigned", async () => {
    expect(await serviceOf("AddPermission", { path: "/000000000000/q" })).toBe("sqs");
    expect(await serviceOf("AddPermission")).toBe("sns");
  });

  it("falls back to the action lookup when the scope names a service it does not serve", async () => {
    expect(await serviceOf("Publish", { scope: "iam" })).toBe("sns");
    expect(await serviceOf("Nonsense")).toBe("error:InvalidAction");
  });
});
