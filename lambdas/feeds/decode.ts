/**
 * Bytes to text (R20): BOM first, then the HTTP charset, then the XML prolog, then UTF-8. Node's
 * TextDecoder carries full ICU, so windows-1251, KOI8-R and the rest decode without a library.
 * Binary bodies (issue 13 item 6) are refused here, before any parser sees them.
 */
import { FeedDecodeError } from './errors';

export interface Decoded {
  text: string;
  /** The encoding actually used, as TextDecoder names it. */
  encoding: string;
  /** Where the choice came from. */
  source: 'bom' | 'http' | 'prolog' | 'sniffed' | 'default';
}

function normalizeLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!l) return undefined;
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return undefined;
  }
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = contentType?.match(/charset\s*=\s*("?)([^";,\s]+)\1/i);
  return m?.[2];
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM shows itself by NUL bytes around the first ASCII "<" and the next char. */
function sniffUtf16(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] !== 0x00 && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] !== 0x00) return 'utf-16be';
  return undefined;
}

function prologEncoding(bytes: Uint8Array): string | undefined {
  // The prolog is ASCII in every encoding a feed may declare (UTF-16 is caught earlier).
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  return head.match(/^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/)?.[1];
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

// Single-byte Western labels that are often declared for bodies that are really UTF-8.
const LATIN = new Set(['windows-1252', 'iso-8859-1', 'us-ascii', 'iso-8859-15']);

/** Formats that show themselves by their first bytes, and are never a feed. */
const MAGIC: [string, number[]][] = [
  ['gzip-compressed data', [0x1f, 0x8b]],
  ['zstd-compressed data', [0x28, 0xb5, 0x2f, 0xfd]],
  ['bzip2-compressed data', [0x42, 0x5a, 0x68]],
  ['xz-compressed data', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
];

/**
 * Binary bodies served as XML (a gzip file without `Content-Encoding`, a double-compressed body, an
 * image): named by their magic bytes, or caught by the share of control bytes no text has. Read as
 * text they would give a parse error at best and garbage articles at worst. Runs after the UTF-16
 * checks, whose NUL bytes are text.
 */
function binaryKind(bytes: Uint8Array): string | undefined {
  for (const [name, magic] of MAGIC) if (magic.every((b, i) => bytes[i] === b)) return name;
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of sample) if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x0b || b === 0x0c) control++;
  // Text has at most a stray control character; compressed or binary data has one byte in ten or more.
  return control > 8 && control * 50 > sample.length ? 'binary data (control bytes)' : undefined;
}

export function decodeFeed(bytes: Uint8Array, contentType?: string): Decoded {
  const bom = bomEncoding(bytes);
  if (bom)
    return { text: decode(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding, source: 'bom' };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: decode(bytes, utf16), encoding: utf16, source: 'sniffed' };
  const binary = binaryKind(bytes);
  if (binary) {
    const declared = contentType ? ` served as ${contentType.split(';')[0]!.trim()}` : '';
    throw new FeedDecodeError(`body is ${binary}${declared}, not a feed`);
  }

  const httpLabel = normalizeLabel(charsetFromContentType(contentType));
  const prologLabel = normalizeLabel(prologEncoding(bytes));
  const declared = httpLabel ?? prologLabel;
  const source = httpLabel ? 'http' : prologLabel ? 'prolog' : 'default';

  if (!declared || declared === 'utf-8') {
    if (!isValidUtf8(bytes)) {
      // The server's UTF-8 label is a default more often than the prolog's is.
      if (prologLabel && prologLabel !== 'utf-8' && !prologLabel.startsWith('utf-16')) {
        return { text: decode(bytes, prologLabel), encoding: prologLabel, source: 'prolog' };
      }
      // Undeclared, or "UTF-8" that is not valid UTF-8, is in practice windows-1252.
      return { text: decode(bytes, 'windows-1252'), encoding: 'windows-1252', source: 'sniffed' };
    }
    return { text: decode(bytes, 'utf-8'), encoding: 'utf-8', source };
  }
  // A Latin-1 label on valid multi-byte UTF-8: real Latin-1 text is almost never valid UTF-8.
  if (LATIN.has(declared) && hasNonAscii(bytes) && isValidUtf8(bytes)) {
    return { text: decode(bytes, 'utf-8'), encoding: 'utf-8', source: 'sniffed' };
  }
  if (declared.startsWith('utf-16')) {
    // A UTF-16 label on a body without NULs (checked above) is a lie: the body is ASCII-compatible.
    const enc = isValidUtf8(bytes) ? 'utf-8' : 'windows-1252';
    return { text: decode(bytes, enc), encoding: enc, source: 'sniffed' };
  }
  return { text: decode(bytes, declared), encoding: declared, source };
}

// windows-1252 0x80-0x9F; the rest of the range is ISO-8859-1, i.e. the byte is the code point.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Node 20's TextDecoder('windows-1252') takes a Latin-1 fast path that drops every byte >= 0x80,
 * so this one table is decoded by hand.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const end = Math.min(bytes.length, i + CHUNK);
    let s = '';
    for (let j = i; j < end; j++) {
      const b = bytes[j]!;
      s += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
    }
    parts.push(s);
  }
  return parts.join('');
}

function decode(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch (cause) {
    throw new FeedDecodeError(`cannot decode body as ${encoding}`, { cause });
  }
}
