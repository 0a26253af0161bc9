import { describe, expect, it } from "vitest";
import { pythonSkipReason, runPython } from "../test/python.js";
import { fifoDedupId } from "./fifo-dedup-id.js";

describe("fifoDedupId", () => {
  it("returns the SHA-256 hex digest of the body when given ASCII", () => {
    expect(fifoDedupId("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(fifoDedupId("hello")).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  });

  it.skipIf(pythonSkipReason !== undefined)("hashes the UTF-8 bytes when the body has non-ASCII text", () => {
    const body = "Zoë 😀";
    const expected = runPython(
      "import hashlib,sys\nsys.stdout.write(hashlib.sha256(sys.stdin.read().encode()).hexdigest())",
      body,
    );
    expect(fifoDedupId(body)).toBe(expected);
  });

  it("fits the 128-character MessageDeduplicationId limit when the body is large", () => {
    expect(fifoDedupId("x".repeat(262_144))).toMatch(/^[0-9a-f]{64}$/);
  });
});
