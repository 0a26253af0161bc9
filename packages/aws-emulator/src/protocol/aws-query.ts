/**
 * @module protocol/aws-query
 * The AWS Query protocol: form parameters such as `Attribute.1.Name` or `Tags.member.1.Key` decode to the
 * SAME input object the JSON protocol gets, and outputs encode to
 * `<XResponse xmlns=…><XResult>…</XResult><ResponseMetadata><RequestId>…`. List and map layouts come from
 * the service's {@link QueryShapes}; the code here is generic.
 */

import { AwsServiceError } from "../errors.js";
import { setOwn } from "../internal/own-property.js";
import type { AwsHttpResponse } from "./http-types.js";
import type { QueryMemberShape, QueryShapes, ServiceDefinition } from "./service.js";
import { escapeXml } from "./xml.js";

type Tree = { [key: string]: Tree | string };

const XML_CONTENT_TYPE = "text/xml";

/** Turns `A.1.B=x` pairs into nested objects `{ A: { 1: { B: "x" } } }`. */
function toTree(params: URLSearchParams): Tree {
  const root: Tree = Object.create(null) as Tree;
  for (const [key, value] of params) {
    const parts = key.split(".");
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i] as string;
      let child = node[part];
      if (typeof child !== "object") {
        child = Object.create(null) as Tree;
        node[part] = child;
      }
      node = child;
    }
    const last = parts[parts.length - 1] as string;
    if (typeof node[last] !== "object") node[last] = value;
  }
  return root;
}

/** Items of a numbered node (`{1: …, 2: …}`) in index order. */
function numbered(node: Tree | string | undefined): Array<Tree | string> {
  if (node === undefined || typeof node === "string") return [];
  return Object.keys(node)
    .filter((key) => /^\d+$/.test(key))
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => node[key] as Tree | string);
}

function decodeScalar(name: string, value: string, shapes: QueryShapes): unknown {
  if (shapes.integers.has(name)) {
    const trimmed = value.trim();
    return /^-?\d+$/.test(trimmed) ? Number(trimmed) : value;
  }
  if (shapes.booleans?.has(name) === true) {
    if (value === "true") return true;
    if (value === "false") return false;
  }
  return value;
}

function decodeValue(name: string, node: Tree | string, shapes: QueryShapes): unknown {
  return typeof node === "string" ? decodeScalar(name, node, shapes) : decodeStructure(node, shapes);
}

function decodeStructure(node: Tree, shapes: QueryShapes): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node)) {
    // Own members only: `__proto__` or `constructor` must not find Object.prototype's.
    const shape = Object.hasOwn(shapes.input, key) ? shapes.input[key] : undefined;
    if (shape === undefined) {
      setOwn(out, key, decodeValue(key, child, shapes));
      continue;
    }
    const items = shape.flattened
      ? numbered(child)
      : numbered(typeof child === "string" ? undefined : child[shape.kind === "list" ? shape.item : shape.entry]);
    if (shape.kind === "list") {
      out[shape.member] = items.map((item) => decodeValue(shape.member, item, shapes));
    } else {
      const map: Record<string, unknown> = {};
      for (const entry of items) {
        if (typeof entry === "string") continue;
        const mapKey = entry[shape.key];
        const mapValue = entry[shape.value];
        if (typeof mapKey !== "string" || mapValue === undefined) {
          throw new AwsServiceError(
            "MalformedQueryString",
            `Each ${key} entry needs a ${shape.key} and a ${shape.value}.`,
          );
        }
        setOwn(map, mapKey, decodeValue(shape.member, mapValue, shapes));
      }
      out[shape.member] = map;
    }
  }
  return out;
}

/**
 * Decodes Query parameters into an action name and the JSON-shaped input.
 * @throws AwsServiceError `MissingAction` when there is no `Action`, `MalformedQueryString` for bad maps.
 */
export function decodeQueryInput(
  params: URLSearchParams,
  shapes: QueryShapes,
): { action: string; input: Record<string, unknown> } {
  const action = params.get("Action");
  if (action === null || action === "") {
    throw new AwsServiceError("MissingAction", "The request must contain the parameter Action.");
  }
  const tree = toTree(params);
  delete tree.Action;
  delete tree.Version;
  return { action, input: decodeStructure(tree, shapes) };
}

function encodeItem(value: unknown, shapes: Readonly<Record<string, QueryMemberShape>>): string {
  if (typeof value === "object" && value !== null) return encodeStructure(value as Record<string, unknown>, shapes);
  return escapeXml(String(value));
}

function encodeStructure(value: Record<string, unknown>, shapes: Readonly<Record<string, QueryMemberShape>>): string {
  let xml = "";
  for (const [name, member] of Object.entries(value)) {
    if (member === undefined || member === null) continue;
    const shape = shapes[name];
    if (shape?.kind === "list" && Array.isArray(member)) {
      let items = "";
      for (const item of member) items += `<${shape.item}>${encodeItem(item, shapes)}</${shape.item}>`;
      xml += shape.flattened ? items : `<${name}>${items}</${name}>`;
    } else if (shape?.kind === "map" && typeof member === "object") {
      let entries = "";
      for (const [key, entryValue] of Object.entries(member as Record<string, unknown>)) {
        entries += `<${shape.entry}><${shape.key}>${escapeXml(key)}</${shape.key}><${shape.value}>${encodeItem(entryValue, shapes)}</${shape.value}></${shape.entry}>`;
      }
      xml += shape.flattened ? entries : `<${name}>${entries}</${name}>`;
    } else {
      xml += `<${name}>${encodeItem(member, shapes)}</${name}>`;
    }
  }
  return xml;
}

/** Renders an action's output as a Query XML response. */
export function encodeQueryOutput(
  action: string,
  output: Record<string, unknown> | undefined,
  service: Pick<ServiceDefinition, "xmlNamespace" | "query">,
  requestId: string,
): AwsHttpResponse {
  const overrides = service.query.outputByAction?.[action];
  const shapes = overrides === undefined ? service.query.output : { ...service.query.output, ...overrides };
  const result = output === undefined ? "" : `<${action}Result>${encodeStructure(output, shapes)}</${action}Result>`;
  return {
    status: 200,
    headers: { "content-type": XML_CONTENT_TYPE, "x-amzn-requestid": requestId },
    body: `<?xml version="1.0"?><${action}Response xmlns="${service.xmlNamespace}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

/** Renders an error as a Query `ErrorResponse`, using the legacy Query error code. */
export function encodeQueryError(
  error: AwsServiceError,
  service: Pick<ServiceDefinition, "xmlNamespace">,
  requestId: string,
): AwsHttpResponse {
  return {
    status: error.status,
    headers: { "content-type": XML_CONTENT_TYPE, "x-amzn-requestid": requestId },
    body: `<?xml version="1.0"?><ErrorResponse xmlns="${service.xmlNamespace}"><Error><Type>${error.senderFault ? "Sender" : "Receiver"}</Type><Code>${escapeXml(error.queryErrorCode)}</Code><Message>${escapeXml(error.message)}</Message><Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
