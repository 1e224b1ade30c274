/**
 * The network a request comes from, as the per-network limit counts it: an IPv4 address on its
 * own, an IPv6 address by its /64 (one household or one server gets a whole /64, and can take a new
 * address from it for every request).
 */
import { isIPv4, isIPv6 } from 'node:net';

export function clientNetwork(ip: string): string {
  const address = ip.trim();
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight hextets of an IPv6 address, lower-case without leading zeros (zone id dropped). */
function expandIPv6(address: string): string[] {
  let a = address.toLowerCase().replace(/%.*$/, '');
  // A trailing dotted quad (::ffff:1.2.3.4 style) is two hextets.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (quad) {
    const [b0, b1, b2, b3] = quad.slice(1).map(Number) as [number, number, number, number];
    a = `${a.slice(0, quad.index)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [left = '', right] = a.split('::');
  const head = left === '' ? [] : left.split(':');
  const tail = right === undefined || right === '' ? [] : right.split(':');
  const fill = right === undefined ? [] : Array(8 - head.length - tail.length).fill('0');
  return [...head, ...fill, ...tail].map((h) => Number.parseInt(h, 16).toString(16));
}
