import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../errors.js";
import { countCombinations, parseFilterPolicy, parseFilterPolicyScope } from "./filter-policy.js";
import type { FilterAttribute } from "./filter-policy-match.js";

const s = (stringValue: string): FilterAttribute => ({ dataType: "String", stringValue });
const n = (stringValue: string): FilterAttribute => ({ dataType: "Number", stringValue });
const arr = (values: unknown[]): FilterAttribute => ({ dataType: "String.Array", stringValue: JSON.stringify(values) });
const bin: FilterAttribute = { dataType: "Binary", binaryValue: new Uint8Array([1, 2]) };

function attrs(policy: object, attributes: Record<string, FilterAttribute>): boolean {
  return parseFilterPolicy(JSON.stringify(policy)).matches({ messageAttributes: attributes, body: "" });
}

function body(policy: object, message: unknown): boolean {
  const text = typeof message === "string" ? message : JSON.stringify(message);
  return parseFilterPolicy(JSON.stringify(policy), "MessageBody").matches({ body: text });
}

function rejection(policy: string, scope: "MessageAttributes" | "MessageBody" = "MessageAttributes"): AwsServiceError {
  try {
    parseFilterPolicy(policy, scope);
  } catch (error) {
    if (error instanceof AwsServiceError) return error;
    throw error;
  }
  throw new Error(`accepted ${policy}`);
}

type AttrCase = [name: string, policy: object, attributes: Record<string, FilterAttribute>, expected: boolean];

const attributeCases: AttrCase[] = [
  ["exact string", { t: ["rugby", "tennis"] }, { t: s("tennis") }, true],
  ["exact string is case-sensitive", { t: ["rugby"] }, { t: s("Rugby") }, false],
  ["exact string misses a different value", { t: ["rugby"] }, { t: s("baseball") }, false],
  ["missing attribute", { t: ["rugby"] }, {}, false],
  ["String.Array element", { t: ["rugby"] }, { t: arr(["golf", "rugby"]) }, true],
  ["String.Array without the element", { t: ["rugby"] }, { t: arr(["golf"]) }, false],
  ["String.Array numeric element", { p: [{ numeric: [">", 10] }] }, { p: arr([1, 20]) }, true],
  ["String.Array that is not JSON", { t: ["x"] }, { t: { dataType: "String.Array", stringValue: "[x" } }, false],
  ["exact number against Number", { p: [100] }, { p: n("100.0") }, true],
  ["exact number within 6 decimals", { p: [1.0000001] }, { p: n("1") }, true],
  ["exact number does not match a String", { p: [100] }, { p: s("100") }, false],
  ["string does not match a Number", { p: ["100"] }, { p: n("100") }, false],
  ["Binary never matches a value", { b: ["AQI="] }, { b: bin }, false],
  ["Binary still exists", { b: [{ exists: true }] }, { b: bin }, true],
  ["custom String type", { t: ["x"] }, { t: { dataType: "String.custom", stringValue: "x" } }, true],
  ["prefix", { t: [{ prefix: "bas" }] }, { t: s("basketball") }, true],
  ["prefix miss", { t: [{ prefix: "bas" }] }, { t: s("rugby") }, false],
  ["suffix", { t: [{ suffix: "ball" }] }, { t: s("baseball") }, true],
  ["suffix miss", { t: [{ suffix: "ball" }] }, { t: s("rugby") }, false],
  ["equals-ignore-case", { t: [{ "equals-ignore-case": "RuGbY" }] }, { t: s("rugby") }, true],
  ["equals-ignore-case miss", { t: [{ "equals-ignore-case": "rugby" }] }, { t: s("golf") }, false],
  ["anything-but list", { t: [{ "anything-but": ["rugby", "tennis"] }] }, { t: s("golf") }, true],
  ["anything-but list excludes", { t: [{ "anything-but": ["rugby", "tennis"] }] }, { t: s("tennis") }, false],
  ["anything-but single value", { t: [{ "anything-but": "rugby" }] }, { t: s("rugby") }, false],
  [
    "anything-but on an array with another value",
    { t: [{ "anything-but": ["rugby"] }] },
    { t: arr(["rugby", "golf"]) },
    true,
  ],
  ["anything-but on an array of excluded values", { t: [{ "anything-but": ["rugby"] }] }, { t: arr(["rugby"]) }, false],
  ["anything-but requires the attribute", { t: [{ "anything-but": ["rugby"] }] }, {}, false],
  ["anything-but number", { p: [{ "anything-but": [100] }] }, { p: n("101") }, true],
  ["anything-but number excludes", { p: [{ "anything-but": 100 }] }, { p: n("100") }, false],
  ["anything-but prefix", { t: [{ "anything-but": { prefix: "bas" } }] }, { t: s("rugby") }, true],
  ["anything-but prefix excludes", { t: [{ "anything-but": { prefix: "bas" } }] }, { t: s("baseball") }, false],
  ["anything-but suffix excludes", { t: [{ "anything-but": { suffix: "ball" } }] }, { t: s("baseball") }, false],
  ["anything-but suffix", { t: [{ "anything-but": { suffix: "ball" } }] }, { t: s("rugby") }, true],
  [
    "anything-but equals-ignore-case excludes",
    { t: [{ "anything-but": { "equals-ignore-case": ["RUGBY"] } }] },
    { t: s("rugby") },
    false,
  ],
  ["anything-but or absent", { t: [{ "anything-but": ["rugby"] }, { exists: false }] }, {}, true],
  ["numeric =", { p: [{ numeric: ["=", 301.5] }] }, { p: n("301.5") }, true],
  ["numeric = miss", { p: [{ numeric: ["=", 301.5] }] }, { p: n("301") }, false],
  ["numeric <", { p: [{ numeric: ["<", 0] }] }, { p: n("-1") }, true],
  ["numeric < is strict", { p: [{ numeric: ["<", 0] }] }, { p: n("0") }, false],
  ["numeric <=", { p: [{ numeric: ["<=", 0] }] }, { p: n("0") }, true],
  ["numeric >", { p: [{ numeric: [">", 0] }] }, { p: n("0.5") }, true],
  ["numeric >=", { p: [{ numeric: [">=", 0] }] }, { p: n("0") }, true],
  ["numeric range inside", { p: [{ numeric: [">", 0, "<=", 150] }] }, { p: n("150") }, true],
  ["numeric range below", { p: [{ numeric: [">", 0, "<=", 150] }] }, { p: n("0") }, false],
  ["numeric range above", { p: [{ numeric: [">=", 0, "<", 150] }] }, { p: n("150") }, false],
  ["numeric ignores strings", { p: [{ numeric: [">", 0] }] }, { p: s("5") }, false],
  ["exists true", { t: [{ exists: true }] }, { t: s("x") }, true],
  ["exists true absent", { t: [{ exists: true }] }, {}, false],
  ["exists false absent", { t: [{ exists: false }] }, { other: s("x") }, true],
  ["exists false present", { t: [{ exists: false }] }, { t: s("x") }, false],
  ["cidr IPv4", { ip: [{ cidr: "10.0.0.0/24" }] }, { ip: s("10.0.0.255") }, true],
  ["cidr IPv4 outside", { ip: [{ cidr: "10.0.0.0/24" }] }, { ip: s("10.0.1.0") }, false],
  ["cidr IPv4 /32", { ip: [{ cidr: "192.168.1.7/32" }] }, { ip: s("192.168.1.7") }, true],
  ["cidr IPv6", { ip: [{ cidr: "2001:db8::/32" }] }, { ip: s("2001:db8:ffff::1") }, true],
  ["cidr IPv6 outside", { ip: [{ cidr: "2001:db8::/32" }] }, { ip: s("2001:db9::1") }, false],
  ["cidr IPv6 embedded IPv4", { ip: [{ cidr: "::ffff:10.0.0.0/120" }] }, { ip: s("::ffff:10.0.0.9") }, true],
  ["cidr on a non-address", { ip: [{ cidr: "10.0.0.0/8" }] }, { ip: s("hello") }, false],
  ["cidr family mismatch", { ip: [{ cidr: "10.0.0.0/8" }] }, { ip: s("::1") }, false],
  ["AND of keys", { a: ["x"], b: [{ numeric: [">", 1] }] }, { a: s("x"), b: n("2") }, true],
  ["AND of keys with one miss", { a: ["x"], b: [{ numeric: [">", 1] }] }, { a: s("x"), b: n("0") }, false],
  ["null matches no attribute", { t: [null] }, {}, false],
  ["$or first branch", { s: ["cw"], $or: [{ m: ["cpu"] }, { ns: ["ec2"] }] }, { s: s("cw"), m: s("cpu") }, true],
  ["$or second branch", { s: ["cw"], $or: [{ m: ["cpu"] }, { ns: ["ec2"] }] }, { s: s("cw"), ns: s("ec2") }, true],
  ["$or no branch", { s: ["cw"], $or: [{ m: ["cpu"] }, { ns: ["ec2"] }] }, { s: s("cw") }, false],
  ["$or with AND outside failing", { s: ["cw"], $or: [{ m: ["cpu"] }, { ns: ["ec2"] }] }, { m: s("cpu") }, false],
  ["$or nested", { $or: [{ a: ["1"] }, { $or: [{ b: ["2"] }, { c: ["3"] }] }] }, { c: s("3") }, true],
  ["$or with one object is a key", { $or: [{ prefix: "x" }] }, { $or: s("xyz") }, true],
  ["empty policy matches everything", {}, {}, true],
];

describe("parseFilterPolicy (MessageAttributes)", () => {
  it.each(attributeCases)("%s", (_name, policy, attributes, expected) => {
    expect(attrs(policy, attributes)).toBe(expected);
  });
});

type BodyCase = [name: string, policy: object, message: unknown, expected: boolean];

const bodyCases: BodyCase[] = [
  ["top-level string", { t: ["rugby"] }, { t: "rugby" }, true],
  ["top-level miss", { t: ["rugby"] }, { t: "golf" }, false],
  ["nested key", { a: { b: { c: ["x"] } } }, { a: { b: { c: "x" } } }, true],
  ["nested key miss", { a: { b: { c: ["x"] } } }, { a: { b: { c: "y" } } }, false],
  ["nested key absent", { a: { b: ["x"] } }, { a: {} }, false],
  ["array of values", { t: ["rugby"] }, { t: ["golf", "rugby"] }, true],
  ["array of objects", { r: { e: [{ prefix: "Obj:" }] } }, { r: [{ e: "Del" }, { e: "Obj:Put" }] }, true],
  ["array of objects miss", { r: { e: [{ prefix: "Obj:" }] } }, { r: [{ e: "Del" }] }, false],
  ["number", { p: [{ numeric: [">", 10] }] }, { p: 11 }, true],
  ["number as string is not a number", { p: [{ numeric: [">", 10] }] }, { p: "11" }, false],
  ["exact number", { p: [5] }, { p: 5.0 }, true],
  ["boolean true", { ok: [true] }, { ok: true }, true],
  ["boolean true against string", { ok: [true] }, { ok: "true" }, false],
  ["null value", { v: [null] }, { v: null }, true],
  ["null does not match an absent key", { v: [null] }, {}, false],
  ["exists true on null", { v: [{ exists: true }] }, { v: null }, true],
  ["exists false nested absent", { a: { b: [{ exists: false }] } }, { c: 1 }, true],
  ["exists false nested present", { a: { b: [{ exists: false }] } }, { a: { b: 1 } }, false],
  ["exists true on an empty array", { v: [{ exists: true }] }, { v: [] }, false],
  ["anything-but over array", { t: [{ "anything-but": ["a"] }] }, { t: ["a", "b"] }, true],
  ["anything-but number", { p: [{ "anything-but": [1, 2] }] }, { p: 2 }, false],
  ["equals-ignore-case", { t: [{ "equals-ignore-case": "ABC" }] }, { t: "abc" }, true],
  ["suffix", { f: [{ suffix: ".png" }] }, { f: "cat.png" }, true],
  ["cidr", { ip: [{ cidr: "10.0.0.0/8" }] }, { ip: "10.1.2.3" }, true],
  ["$or nested in an object", { a: { $or: [{ b: ["1"] }, { c: ["2"] }] } }, { a: { c: "2" } }, true],
  ["$or nested miss", { a: { $or: [{ b: ["1"] }, { c: ["2"] }] } }, { a: { b: "2" } }, false],
  ["body that is not JSON", { t: [{ exists: false }] }, "not json", false],
  ["body that is a JSON array", { t: [{ exists: false }] }, "[1]", false],
];

describe("parseFilterPolicy (MessageBody)", () => {
  it.each(bodyCases)("%s", (_name, policy, message, expected) => {
    expect(body(policy, message)).toBe(expected);
  });
});

type InvalidCase = [name: string, policy: string, message: RegExp];

const invalidCases: InvalidCase[] = [
  ["not JSON", "{", /^Invalid parameter: FilterPolicy: /],
  ["not an object", "[1]", /must be a JSON object/],
  ["a scalar property", '{"a":"x"}', /"a" must be an object or an array/],
  ["an empty array", '{"a":[]}', /Empty arrays are not allowed/],
  ["six keys", '{"a":[1],"b":[1],"c":[1],"d":[1],"e":[1],"f":[1]}', /can not have more than 5 keys/],
  ["an unknown operator", '{"a":[{"regex":"x"}]}', /Unrecognized match type regex/],
  ["two operators in one object", '{"a":[{"prefix":"x","suffix":"y"}]}', /Only one key/],
  ["exists not boolean", '{"a":[{"exists":"yes"}]}', /exists match pattern must be either true or false/],
  ["prefix not string", '{"a":[{"prefix":1}]}', /prefix match pattern must be a string/],
  ["numeric without values", '{"a":[{"numeric":[]}]}', /Invalid member in numeric match/],
  ["numeric bad operator", '{"a":[{"numeric":["!=",1]}]}', /Unrecognized numeric range operator: !=/],
  ["numeric non-number value", '{"a":[{"numeric":["<","1"]}]}', /Value of < must be numeric/],
  ["numeric upper first", '{"a":[{"numeric":["<",1,">",0]}]}', /Too many elements in numeric expression/],
  ["numeric bad second operator", '{"a":[{"numeric":[">",1,">",5]}]}', /Bad numeric range operator: >/],
  ["numeric inverted range", '{"a":[{"numeric":[">",5,"<",1]}]}', /Bottom must be less than top/],
  ["anything-but mixed list", '{"a":[{"anything-but":["x",1]}]}', /mixed types/],
  ["anything-but unknown form", '{"a":[{"anything-but":{"numeric":[">",1]}}]}', /Unsupported anything-but pattern/],
  ["cidr malformed", '{"a":[{"cidr":"10.0.0.0"}]}', /Malformed CIDR/],
  ["cidr bad prefix length", '{"a":[{"cidr":"10.0.0.0/33"}]}', /Malformed CIDR/],
  ["an array as a match value", '{"a":[["x"]]}', /Match value must be String, number, true, false, or null/],
  ["too many combinations", `{"a":${JSON.stringify(Array.from({ length: 151 }, (_, i) => i))}}`, /too complex/],
  ["nesting in attribute scope", '{"a":{"b":["x"]}}', /does not support nested filter policy/],
];

describe("parseFilterPolicy validation", () => {
  it.each(invalidCases)("rejects %s with InvalidParameter", (_name, policy, message) => {
    const error = rejection(policy);
    expect(error.code).toBe("InvalidParameter");
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });

  it("accepts nesting when the scope is MessageBody", () => {
    expect(parseFilterPolicy('{"a":{"b":["x"]}}', "MessageBody").scope).toBe("MessageBody");
  });

  it("rejects numbers beyond one billion the way AWS does (InternalError)", () => {
    const error = rejection('{"a":[1000000000]}');
    expect(error.code).toBe("InternalError");
    expect(error.status).toBe(500);
  });

  it("counts nested keys by depth when computing combinations", () => {
    // The AWS guide's example: 3 x 4 x 2 x 3 = 72.
    const policy = { a: { b: { c: ["1", "2", "3", "4"] } }, d: { e: ["1", "2", "3"] } };
    expect(() => parseFilterPolicy(JSON.stringify(policy), "MessageBody")).not.toThrow();
    expect(countCombinations({ fields: [{ path: ["a", "b", "c"], matchers: Array(4) }], anyOf: [] })).toBe(12);
  });

  it("adds the combinations of $or branches", () => {
    const node = {
      fields: [{ path: ["s"], matchers: Array(1) }],
      anyOf: [
        [
          { fields: [{ path: ["m"], matchers: Array(2) }], anyOf: [] },
          { fields: [{ path: ["t"], matchers: Array(3) }], anyOf: [] },
        ],
      ],
    };
    expect(countCombinations(node)).toBe(5);
  });
});

describe("parseFilterPolicyScope", () => {
  it("accepts the two AWS scopes", () => {
    expect(parseFilterPolicyScope("MessageBody")).toBe("MessageBody");
    expect(parseFilterPolicyScope("MessageAttributes")).toBe("MessageAttributes");
  });

  it("rejects another value with InvalidParameter", () => {
    expect(() => parseFilterPolicyScope("Body")).toThrow(/MessageBody or MessageAttributes/);
  });
});
