import { ProbityError } from "probity";
import { describe, expect, it } from "vitest";
import { BackendUnavailableError, BODY_PREVIEW_LENGTH, PayloadDecodeError, ResourceNotFoundError } from "./errors.js";

describe("PayloadDecodeError", () => {
  it("names the queue, topic, envelope, reason and issues when all are known", () => {
    const error = new PayloadDecodeError({
      reason: "schema-mismatch",
      body: '{"data": {}}',
      envelope: "jsonBase",
      queue: "customer--created",
      topic: "customer--created",
      issues: [{ message: "Required", path: ["name"] }, { message: "Too small" }],
    });
    expect(error).toBeInstanceOf(ProbityError);
    expect(error).toMatchObject({ name: "PayloadDecodeError", code: "ERR_PAYLOAD_DECODE", reason: "schema-mismatch" });
    expect(error.message).toBe(
      [
        'Cannot decode message from queue "customer--created", topic "customer--created" with envelope jsonBase: the payload does not match the schema',
        "  name: Required",
        "  (root): Too small",
        'Body (12 chars): {"data": {}}',
      ].join("\n"),
    );
  });

  it("truncates the body in the message but keeps it whole on the error when the body is long", () => {
    const body = "x".repeat(BODY_PREVIEW_LENGTH + 100);
    const error = new PayloadDecodeError({ reason: "not-json", body });
    expect(error.message).toContain(`${"x".repeat(BODY_PREVIEW_LENGTH)}… (100 more chars)`);
    expect(error.message).not.toContain("x".repeat(BODY_PREVIEW_LENGTH + 1));
    expect(error.body).toBe(body);
  });

  it("fills in unknown context and keeps known context when withContext is called", () => {
    const cause = new SyntaxError("bad");
    const original = new PayloadDecodeError({ reason: "not-json", body: "x", envelope: "raw", detail: "bad", cause });
    const copy = original.withContext({ queue: "q", topic: "t", envelope: "jsonBase" });
    expect(copy).toMatchObject({ queue: "q", topic: "t", envelope: "raw", detail: "bad", cause });
    expect(copy.message).toContain('from queue "q", topic "t" with envelope raw: the body is not JSON\n  bad');
  });
});

describe("ResourceNotFoundError", () => {
  it("lists existing names when the lookup missed", () => {
    const error = new ResourceNotFoundError({
      kind: "queue",
      name: "orders",
      backend: "moto",
      existing: ["order", "orders-dlq"],
    });
    expect(error).toMatchObject({
      code: "ERR_RESOURCE_NOT_FOUND",
      kind: "queue",
      resourceName: "orders",
      backend: "moto",
    });
    expect(error.message).toBe('Queue "orders" does not exist on moto. Existing queues: "order", "orders-dlq"');
  });

  it("says there are none when nothing exists", () => {
    expect(new ResourceNotFoundError({ kind: "topic", name: "t", existing: [] }).message).toBe(
      'Topic "t" does not exist. There are no topics.',
    );
  });

  it("caps the list at 20 names when many exist", () => {
    const existing = Array.from({ length: 25 }, (_, index) => `q${index}`);
    expect(new ResourceNotFoundError({ kind: "queue", name: "x", existing }).message).toMatch(/"q19", … \(5 more\)$/);
  });
});

describe("BackendUnavailableError", () => {
  it("keeps the reason for a skip message when the backend cannot start", () => {
    const cause = new Error("spawn python3 ENOENT");
    const error = new BackendUnavailableError({
      backend: "moto",
      reason: "python3 -m moto.server is not installed",
      cause,
    });
    expect(error).toBeInstanceOf(ProbityError);
    expect(error).toMatchObject({ code: "ERR_BACKEND_UNAVAILABLE", backend: "moto", cause });
    expect(error.message).toBe("Backend moto is unavailable: python3 -m moto.server is not installed");
  });
});
