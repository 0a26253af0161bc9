/**
 * @module sns/cidr
 * IPv4 and IPv6 address and CIDR-block parsing for the filter policy `cidr` operator.
 * @internal
 */

/** A parsed CIDR block: the network bits as a bigint, its prefix length and address family. */
export interface CidrBlock {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly prefixLength: number;
}

const IPV4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!IPV4_OCTET.test(part)) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6Groups(text: string): string[] | undefined {
  if (text === "") return [];
  const groups = text.split(":");
  return groups.every((group) => IPV6_GROUP.test(group)) ? groups : undefined;
}

function parseIpv6(text: string): bigint | undefined {
  let body = text;
  let tail: bigint | undefined;
  let tailGroups = 0;
  const lastColon = body.lastIndexOf(":");
  if (body.includes(".")) {
    tail = parseIpv4(body.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}`;
    body = body.endsWith("::") ? body : body.slice(0, -1);
    tailGroups = 2;
  }
  const halves = body.split("::");
  if (halves.length > 2) return undefined;
  const head = parseIpv6Groups(halves[0] ?? "");
  const rest = halves.length === 2 ? parseIpv6Groups(halves[1] ?? "") : [];
  if (head === undefined || rest === undefined) return undefined;
  const explicit = head.length + rest.length + tailGroups;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return undefined;
  const groups = [...head, ...new Array<string>(8 - explicit).fill("0"), ...rest];
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  return tail === undefined ? value : (value << 32n) | tail;
}

/**
 * Parses an IPv4 or IPv6 address.
 * @returns the family and the address as a bigint, or `undefined` when `text` is not an address.
 */
export function parseIpAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
  if (text.includes(":")) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { family: 4, value };
}

/**
 * Parses `10.0.0.0/24` or `2001:db8::/32`; host bits are ignored, like AWS.
 * @returns the block, or `undefined` when `text` is not a CIDR block.
 */
export function parseCidr(text: string): CidrBlock | undefined {
  const slash = text.indexOf("/");
  if (slash < 0 || slash !== text.lastIndexOf("/")) return undefined;
  const address = parseIpAddress(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  if (address === undefined || !/^\d{1,3}$/.test(lengthText)) return undefined;
  const prefixLength = Number(lengthText);
  const bits = address.family === 4 ? 32 : 128;
  if (prefixLength > bits) return undefined;
  const shift = BigInt(bits - prefixLength);
  return { family: address.family, network: (address.value >> shift) << shift, prefixLength };
}

/** Whether `ip` (an address string) lies inside `block`. */
export function cidrContains(block: CidrBlock, ip: string): boolean {
  const address = parseIpAddress(ip);
  if (address === undefined || address.family !== block.family) return false;
  const shift = BigInt((block.family === 4 ? 32 : 128) - block.prefixLength);
  return (address.value >> shift) << shift === block.network;
}
