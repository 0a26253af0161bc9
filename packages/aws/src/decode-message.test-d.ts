import type { Message } from "@aws-sdk/client-sqs";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type { DecodedMessage } from "./decode-message.js";
import { decodeMessage } from "./decode-message.js";
import type { JsonBaseMetadata } from "./envelopes/json-base.js";
import { jsonBase } from "./envelopes/json-base.js";
import { text } from "./envelopes/text.js";

declare const message: Message;

describe("decodeMessage types", () => {
  it("infers the payload from the schema's output when a schema is given", async () => {
    const schema = z.object({ id: z.string(), n: z.string().transform(Number) });
    const decoded = await decodeMessage(message, { envelope: jsonBase, schema });
    expectTypeOf(decoded.payload).toEqualTypeOf<{ id: string; n: number }>();
    expectTypeOf(decoded.metadata).toEqualTypeOf<JsonBaseMetadata>();
  });

  it("infers the payload from the envelope when no schema is given", async () => {
    expectTypeOf(await decodeMessage(message, { envelope: text })).toEqualTypeOf<DecodedMessage<string, undefined>>();
    expectTypeOf((await decodeMessage(message)).payload).toEqualTypeOf<unknown>();
  });
});
