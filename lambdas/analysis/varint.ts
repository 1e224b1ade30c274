/**
 * Unsigned whole numbers as base64 varints (seven bits a byte, low bits first): the compact form of
 * the analysis data compiled at build time (the gazetteer's trie, the topic model's word pairs). A
 * run of small numbers costs a byte each, and decoding is one loop with no objects made.
 */

export class VarintError extends Error {
  override name = 'VarintError';
}

/** Base64 of the varints of `values` (each a whole number, 0 to 2^31 - 1). */
export function encodeVarints(values: readonly number[]): string {
  const bytes: number[] = [];
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff)
      throw new VarintError(`varint: ${v} is not a whole number from 0 to 2^31 - 1`);
    let x = v;
    while (x >= 0x80) {
      bytes.push((x & 0x7f) | 0x80);
      x >>>= 7;
    }
    bytes.push(x);
  }
  return Buffer.from(bytes).toString('base64');
}

/** The numbers of encodeVarints; `what` names the data in the error a truncated input gets. */
export function decodeVarints(base64: string, what: string): Int32Array {
  const bytes = Buffer.from(base64, 'base64');
  // Never more numbers than bytes.
  const out = new Int32Array(bytes.length);
  let n = 0;
  let x = 0;
  let shift = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    x |= (b & 0x7f) << shift;
    if (shift === 28 && b > 7) throw new VarintError(`${what}: a number longer than 31 bits at byte ${i}`);
    if (b & 0x80) {
      shift += 7;
    } else {
      out[n++] = x;
      x = 0;
      shift = 0;
    }
  }
  if (shift !== 0) throw new VarintError(`${what}: the data ends inside a number`);
  return out.subarray(0, n);
}
