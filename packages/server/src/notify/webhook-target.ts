import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Where a webhook may point. A webhook makes the server send requests on an institution's behalf,
 * so without a check a coordinator could aim it at the server's own network (loopback admin ports,
 * the cloud metadata address, the database): the server is the one connecting. Every address the
 * host resolves to must be public, unless the operator allow-listed it (MEDBRIDGE_WEBHOOK_ALLOW,
 * for a hospital system on the provincial private network); production speaks HTTPS only.
 */
export interface WebhookPolicy {
  /** Addresses and CIDR ranges the operator allows although they are not public. */
  allow: readonly string[];
  httpsOnly: boolean;
}

export function webhookPolicy(config: { webhookAllow: readonly string[]; production: boolean }): WebhookPolicy {
  return { allow: config.webhookAllow, httpsOnly: config.production };
}

/** A webhook URL refused, with the reason as a field message. */
export class RefusedTarget extends Error {}

/** A checked destination: connect to `addresses` (all checked), never to a fresh lookup of the name. */
export interface Target {
  url: URL;
  addresses: { address: string; family: 4 | 6 }[];
}

/** Ranges that are not the public internet (IANA special-purpose registries), with what they are. */
const SPECIAL: [string, number, "ipv4" | "ipv6", string][] = [
  ["0.0.0.0", 8, "ipv4", "an unspecified (this-network) address"],
  ["10.0.0.0", 8, "ipv4", "a private address"],
  ["100.64.0.0", 10, "ipv4", "a shared (carrier-grade NAT) address"],
  ["127.0.0.0", 8, "ipv4", "a loopback address"],
  ["169.254.0.0", 16, "ipv4", "a link-local address"],
  ["172.16.0.0", 12, "ipv4", "a private address"],
  ["192.0.0.0", 24, "ipv4", "a reserved address"],
  ["192.168.0.0", 16, "ipv4", "a private address"],
  ["198.18.0.0", 15, "ipv4", "a reserved (benchmarking) address"],
  ["224.0.0.0", 4, "ipv4", "a multicast address"],
  ["240.0.0.0", 4, "ipv4", "a reserved address"],
  // IPv4-compatible (deprecated) addresses, including :: (unspecified) and ::1 (loopback).
  ["::", 96, "ipv6", "an unspecified, loopback or IPv4-compatible address"],
  ["fc00::", 7, "ipv6", "a private (unique local) address"],
  ["fe80::", 10, "ipv6", "a link-local address"],
  ["fec0::", 10, "ipv6", "a site-local address"],
  ["ff00::", 8, "ipv6", "a multicast address"],
];
// Node's BlockList also applies the IPv4 ranges to IPv4-mapped IPv6 addresses (::ffff:127.0.0.1).
const special = SPECIAL.map(([network, prefix, type, what]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return { list, what };
});

const NAT64 = new BlockList();
NAT64.addSubnet("64:ff9b::", 96, "ipv6");

function allowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** What is wrong with an entry of MEDBRIDGE_WEBHOOK_ALLOW (null: a valid address or CIDR range). */
export function allowEntryProblem(entry: string): string | null {
  const [address = "", prefix, extra] = entry.split("/");
  const version = isIP(address);
  if (!version || extra !== undefined) return `"${entry}" is not an IP address or CIDR range`;
  if (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128))) return `"${entry}" has a bad prefix length`;
  return null;
}

/** Why the address is not public (null when it is). */
export function nonPublic(address: string): string | null {
  const version = isIP(address);
  if (!version) return "not an IP address";
  const type = version === 4 ? "ipv4" : "ipv6";
  for (const { list, what } of special) if (list.check(address, type)) return what;
  // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits: judge that one.
  if (type === "ipv6" && NAT64.check(address, "ipv6")) {
    const words = new URL(`http://[${address}]`).hostname.slice(1, -1).split(":");
    const low = Number.parseInt(words.at(-1) || "0", 16);
    const high = Number.parseInt(words.at(-2) || "0", 16);
    return nonPublic(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  return null;
}

/** Refuses what the URL says before any lookup: scheme, credentials, a literal address not allowed. */
export function checkUrl(raw: string, policy: WebhookPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedTarget("is not a URL");
  }
  if (url.protocol !== "https:" && (policy.httpsOnly || url.protocol !== "http:")) {
    throw new RefusedTarget(policy.httpsOnly ? "must use https:// in production" : "must use http:// or https://");
  }
  if (url.username || url.password) throw new RefusedTarget("must not carry a user name or password (sign with the secret instead)");
  return url;
}

/**
 * Resolves the URL's host (every address, as the connection could use any) and refuses it when
 * one of them is not public and not allow-listed. The caller connects to the addresses returned,
 * so a name that resolves differently a moment later (DNS rebinding) cannot slip past the check.
 */
export async function resolveTarget(raw: string, policy: WebhookPolicy): Promise<Target> {
  const url = checkUrl(raw, policy);
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  let found: { address: string; family: number }[];
  if (isIP(host)) found = [{ address: host, family: isIP(host) }];
  else {
    try {
      found = await lookup(host, { all: true, verbatim: true });
    } catch (error) {
      throw new RefusedTarget(`host ${host} does not resolve (${(error as { code?: string }).code ?? "lookup failed"})`);
    }
    if (found.length === 0) throw new RefusedTarget(`host ${host} does not resolve`);
  }
  const allowed = allowList(policy.allow);
  for (const { address, family } of found) {
    const what = nonPublic(address);
    if (what && !allowed.check(address, family === 6 ? "ipv6" : "ipv4")) {
      throw new RefusedTarget(
        `${host === address ? address : `${host} resolves to ${address}, which`} is ${what}; webhooks must reach a public address (an operator may allow it with MEDBRIDGE_WEBHOOK_ALLOW)`,
      );
    }
  }
  return { url, addresses: found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 })) };
}
