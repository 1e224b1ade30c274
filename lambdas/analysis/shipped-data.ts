/**
 * The generated data files the analyzer ships (the compiled gazetteer, the topic model) hold their
 * JSON brotli-compressed and in base64: 40-60% of the bytes of the plain JSON in every bundle that
 * carries them, for about a millisecond to unpack at load (node:zlib is a Node built-in, and the
 * functions that carry the data load it already). Fields meant for people, such as how a model was
 * trained, stay outside the compressed part.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

export interface ShippedData {
  format: 'brotli-json';
  /** The JSON text, brotli-compressed, in base64. */
  data: string;
}

export class ShippedDataError extends Error {
  override name = 'ShippedDataError';
}

/** The value a shipped file holds; `what` names the file in the error a bad one gets. */
export function unpackData<T>(file: ShippedData, what: string): T {
  if (file?.format !== 'brotli-json' || typeof file.data !== 'string')
    throw new ShippedDataError(`${what}: not a packed data file (format ${String(file?.format)})`);
  try {
    return JSON.parse(brotliDecompressSync(Buffer.from(file.data, 'base64')).toString('utf8')) as T;
  } catch (err) {
    throw new ShippedDataError(`${what}: the packed data does not unpack`, { cause: err });
  }
}

/** The shipped form of a JSON value (build time: training and the gazetteer compiler). */
export function packData(value: unknown): ShippedData {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  const packed = brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
  return { format: 'brotli-json', data: packed.toString('base64') };
}
