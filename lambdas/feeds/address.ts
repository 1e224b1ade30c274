/**
 * SSRF guard (R8, R9): which URLs and resolved addresses the fetcher may connect to. The check on
 * resolved addresses runs inside the socket's DNS lookup, so it sees the very address connected to
 * (no gap for DNS rebinding between a check and the connect).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { BlockedAddressError } from './errors';

// Separate lists: a single BlockList matches IPv4 addresses against IPv6 rules such as
// ::ffff:0:0/96, which would block every IPv4 address.
const blocked4 = new BlockList();
const blocked6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network, unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked4.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::ffff:0:0', 96], // IPv4-mapped: refused whatever the embedded address
  ['::', 96], // IPv4-compatible (deprecated)
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48],
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID...)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 embeds an IPv4 address
  ['fc00::', 7], // ULA
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  blocked6.addSubnet(net, prefix, 'ipv6');
}

/** True when `ip` (a literal IPv4 or IPv6 address) must not be contacted. */
export function isBlockedIp(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return blocked4.check(bare, 'ipv4');
  if (family === 6) return blocked6.check(bare, 'ipv6');
  // Not an address at all: refuse rather than guess.
  return true;
}

export interface AddressPolicy {
  /** Allow loopback and private addresses (local feed servers, tests). Off in production. */
  allowPrivateNetwork: boolean;
}

/**
 * Checks a URL before any connection: scheme (R9) and, for literal IPs, the address (R8). The
 * WHATWG parser has already turned decimal, octal and hex forms (http://2130706433/) into dotted
 * IPv4, so they are caught here too. Host names are checked at connect time by `guardedLookup`.
 */
export function checkUrl(url: URL, policy: AddressPolicy): 'ok' | 'bad_scheme' | 'blocked_address' {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'bad_scheme';
  if (url.username || url.password) return 'blocked_address';
  if (policy.allowPrivateNetwork) return 'ok';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isBlockedIp(host) ? 'blocked_address' : 'ok';
  const lower = host.toLowerCase().replace(/\.$/, '');
  if (
    lower === 'localhost' ||
    lower.endsWith('.localhost') ||
    lower.endsWith('.internal') ||
    !lower.includes('.')
  ) {
    return 'blocked_address';
  }
  return 'ok';
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
type LookupFn = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * A `net.connect` lookup that refuses a host name when any address it resolves to is blocked.
 * `resolve` is a seam for tests (a host name that resolves to loopback without touching DNS).
 */
export function guardedLookup(
  policy: AddressPolicy,
  resolve: LookupFn = dnsLookup as unknown as LookupFn,
): LookupFn {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = (
        Array.isArray(addresses) ? addresses : [{ address: addresses, family: 4 }]
      ) as LookupAddress[];
      if (list.length === 0) {
        const e: NodeJS.ErrnoException = new Error(`${hostname} did not resolve`);
        e.code = 'ENOTFOUND';
        return callback(e, []);
      }
      if (!policy.allowPrivateNetwork) {
        const bad = list.find((a) => isBlockedIp(a.address));
        if (bad)
          return callback(
            new BlockedAddressError(`${hostname} resolves to blocked address ${bad.address}`),
            [],
          );
      }
      if (options.all) return callback(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}
