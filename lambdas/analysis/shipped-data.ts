/**
 * The generated data files the analyzer ships (the compiled gazetteer, the topic model) hold their
 * JSON brotli-compressed, in base64: 35-55% of the bytes of the plain JSON in every bundle that
 * carries them, for a few milliseconds to unpack at load (node:zlib is a Node built-in, and the
 * functions that carry the data load it already). Fields meant for people, such as how a model was
 * trained, stay outside the compressed part.
 *
 * The long base64 fields of the data (varints, packed weights) go into the compressed stream as
 * their bytes, after the JSON, rather than as base64 text inside it: brotli finds little to share in
 * base64 and much in the bytes (the gazetteer's trie 57 -> 44 KB compressed, the model's weights 52
 * -> 44 KB). Unpacking gives the value packed, those fields as base64 again.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

export interface ShippedData {
  /**
   * 'brotli-json-bytes': the form above. 'brotli-json' (the form before 2026-12-06, still read):
   * the JSON alone, base64 fields in it as text.
   */
  format: 'brotli-json-bytes' | 'brotli-json';
  /** The compressed data, in base64. */
  data: string;
}

export class ShippedDataError extends Error {
  override name = 'ShippedDataError';
}

/** The key of the object that stands in the JSON for a base64 field's bytes: [offset, length]. */
const BYTES_KEY = '$bytes';
/** Shorter base64 fields stay in the JSON: their place in it would cost as much as they save. */
const MIN_BYTES_FIELD = 64;

/** Whether a string is base64 that decodes and encodes again to itself. */
function isBase64(s: string): boolean {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(s) && Buffer.from(s, 'base64').toString('base64') === s;
}

/** The value a shipped file holds; `what` names the file in the error a bad one gets. */
export function unpackData<T>(file: ShippedData, what: string): T {
  const format = file?.format;
  if ((format !== 'brotli-json-bytes' && format !== 'brotli-json') || typeof file.data !== 'string')
    throw new ShippedDataError(`${what}: not a packed data file (format ${String(format)})`);
  try {
    const raw = brotliDecompressSync(Buffer.from(file.data, 'base64'));
    if (format === 'brotli-json') return JSON.parse(raw.toString('utf8')) as T;
    const end = raw.indexOf(0);
    if (end < 0) throw new ShippedDataError(`${what}: no end to the JSON of the packed data`);
    const bytes = raw.subarray(end + 1);
    return JSON.parse(raw.toString('utf8', 0, end), (_key, value) => {
      const at = value !== null && typeof value === 'object' ? value[BYTES_KEY] : undefined;
      if (!at) return value;
      const [start, length] = at as [number, number];
      if (start + length > bytes.length)
        throw new ShippedDataError(`${what}: a field's bytes run past the end of the data`);
      return bytes.toString('base64', start, start + length);
    }) as T;
  } catch (err) {
    throw new ShippedDataError(`${what}: the packed data does not unpack`, { cause: err });
  }
}

/** The shipped form of a JSON value (build time: training and the gazetteer compiler). */
export function packData(value: unknown): ShippedData {
  const fields: Buffer[] = [];
  let offset = 0;
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'string' && v.length >= MIN_BYTES_FIELD && isBase64(v)) {
      const bytes = Buffer.from(v, 'base64');
      fields.push(bytes);
      offset += bytes.length;
      return { [BYTES_KEY]: [offset - bytes.length, bytes.length] };
    }
    if (v !== null && typeof v === 'object' && Object.hasOwn(v, BYTES_KEY))
      throw new ShippedDataError(
        `packData: a key "${BYTES_KEY}" in the data, which the packed form reserves`,
      );
    return v;
  });
  // JSON text has no zero byte: it ends the JSON.
  const payload = Buffer.concat([Buffer.from(json, 'utf8'), Buffer.from([0]), ...fields]);
  const packed = brotliCompressSync(payload, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: payload.length,
    },
  });
  return { format: 'brotli-json-bytes', data: packed.toString('base64') };
}
