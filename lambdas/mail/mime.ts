/**
 * Builds the MIME bytes of a message: multipart/alternative, a text/plain and a text/html part in
 * UTF-8, both quoted-printable; CRLF throughout, no line over 998 octets (RFC 5322, 2045, 2047).
 *
 * Our own rather than nodemailer's composer (STYLE 16): we send one shape of message, and
 * nodemailer cost 135 KiB in each of two Lambda bundles, 74 KiB of it a MIME-type table for
 * attachments we never send.
 */
import { randomBytes } from 'node:crypto';
import { domainToASCII } from 'node:url';
import type { OutgoingMessage } from './ports';

/** The message cannot be written as valid MIME (a malformed address or header); says what and where. */
export class MimeFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MimeFormatError';
  }
}

export interface ComposeOptions {
  /** The Date header's instant; the system clock by default. */
  now?: Date;
  /** Random hex of `bytes` bytes, for the boundary and a generated Message-ID; crypto by default. */
  randomHex?: (bytes: number) => string;
}

const CRLF = '\r\n';
/** Header lines are folded to this; RFC 2047 caps lines that hold encoded-words at 76. */
const FOLD_AT = 76;
/** RFC 5322: no line, header or body, may exceed 998 octets before its CRLF. */
const MAX_LINE = 998;
/** The headers composeMime writes itself; `message.headers` may not set them a second time. */
const OWN_HEADERS = new Set([
  'from',
  'to',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

export async function composeMime(message: OutgoingMessage, options: ComposeOptions = {}): Promise<Buffer> {
  const randomHex = options.randomHex ?? ((bytes: number) => randomBytes(bytes).toString('hex'));
  const from = parseMailbox(message.from, 'From');
  const to = parseMailbox(message.to, 'To');
  const messageId =
    message.messageId ?? `${randomHex(16)}@${from.address.slice(from.address.lastIndexOf('@') + 1)}`;
  if (!/^[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+$/.test(messageId) || messageId.length > 900) {
    throw new MimeFormatError(
      `Message-ID "${messageId}" is not of the form left@right without spaces or <>, in one line`,
    );
  }
  const parts = [
    { type: 'text/plain', body: quotedPrintable(message.text) },
    { type: 'text/html', body: quotedPrintable(message.html) },
  ];
  // "=_" never occurs in quoted-printable output ("=" is always followed by hex digits or a line
  // break), so no part can contain the boundary; the check below only guards that reasoning.
  const boundary = `=_antiwar-digest_${randomHex(12)}`;
  if (parts.some((p) => p.body.includes(boundary)))
    throw new MimeFormatError('the boundary occurs in a part');

  const headers = [
    mailboxHeader('From', from),
    mailboxHeader('To', to),
    ...(message.subject === '' ? [] : [textHeader('Subject', message.subject, true)]),
    `Date: ${rfc5322Date(options.now ?? new Date())}`,
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    ...Object.entries(message.headers ?? {}).map(([name, value]) => customHeader(name, value)),
    fold('Content-Type', ['multipart/alternative;', `boundary="${boundary}"`]),
  ];
  const body = parts.map(
    (p) =>
      `--${boundary}${CRLF}Content-Type: ${p.type}; charset=utf-8${CRLF}` +
      `Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}${p.body}${CRLF}`,
  );
  return Buffer.from(`${headers.join(CRLF)}${CRLF}${CRLF}${body.join('')}--${boundary}--${CRLF}`, 'utf8');
}

interface Mailbox {
  name: string;
  address: string;
}

/** `address`, `Name <address>` or `"Name" <address>` (with \" and \\ escapes), one mailbox only. */
export function parseMailbox(input: string, field: string): Mailbox {
  const trimmed = input.trim();
  const angle = /^([^<]*)<([^<>]*)>$/.exec(trimmed);
  let name = angle ? angle[1]!.trim() : '';
  const address = (angle ? angle[2]! : trimmed).trim();
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) {
    name = name.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  if (at <= 0 || !/^[\x21-\x7e]+$/.test(local) || /["(),:;<>@[\\\]]/.test(local)) {
    throw new MimeFormatError(`${field}: "${input}" is not one mailbox address (name@example.org)`);
  }
  // An internationalised domain goes out as its punycode, which every relay can route.
  const domain = domainToASCII(address.slice(at + 1).toLowerCase());
  if (domain === '' || !/^[a-z0-9.-]+$/.test(domain)) {
    throw new MimeFormatError(`${field}: the domain of "${input}" is not valid`);
  }
  return { name: name.replace(/[\r\n]+/g, ' ').trim(), address: `${local}@${domain}` };
}

/** RFC 5322 atext plus spaces: a display name that needs neither quotes nor encoding. */
const PLAIN_PHRASE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$/;

function mailboxHeader(field: string, box: Mailbox): string {
  const address = `<${box.address}>`;
  if (box.name === '') return fold(field, [box.address]);
  if (!/^[\x20-\x7e]+$/.test(box.name)) {
    return fold(field, [...encodedWords(box.name, FOLD_AT - field.length - 2), address]);
  }
  // "=?" in a plain phrase would be read as an encoded-word; quoting keeps it literal.
  const phrase =
    PLAIN_PHRASE.test(box.name) && !box.name.includes('=?')
      ? box.name
      : `"${box.name.replace(/(["\\])/g, '\\$1')}"`;
  return fold(field, [...words(phrase), address]);
}

/**
 * An unstructured header (Subject) as written when it is printable ASCII that folds within the
 * line limit, and as RFC 2047 encoded-words otherwise. `strict` encodes also a word too long to
 * fold and a literal "=?" a reader would try to decode.
 */
function textHeader(field: string, value: string, strict: boolean): string {
  const flat = value.replace(/\r\n|\r|\n/g, ' ').trim();
  const plain = /^[\x20-\x7e\t]*$/.test(flat);
  if (plain && !strict) return fold(field, words(flat));
  if (plain) {
    const folded = fold(field, words(flat));
    if (!flat.includes('=?') && folded.split(CRLF).every((line) => line.length <= FOLD_AT + 2)) return folded;
  }
  return fold(field, encodedWords(flat, FOLD_AT - field.length - 2));
}

/**
 * A caller's header (List-Unsubscribe, List-Id, Feedback-ID...), written as given when it is
 * printable ASCII, so structured values (`<https://...>`, an unquoted List-Id phrase) reach the
 * receiver intact; folded only at its spaces, never inside a `<...>` URL.
 */
function customHeader(name: string, value: string): string {
  if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) {
    throw new MimeFormatError(`header name "${name}" must be printable ASCII without spaces or ":"`);
  }
  if (OWN_HEADERS.has(name.toLowerCase())) {
    throw new MimeFormatError(`header ${name} is written by the composer and cannot be set in headers`);
  }
  return textHeader(name, value, false);
}

/** Splits at single spaces; extra spaces stay with the next word, so unfolding restores them. */
function words(text: string): string[] {
  return text === '' ? [] : text.split(/ (?=[^ ])/);
}

/** `Field: w1 w2 ...`, starting a continuation line (CRLF + space) before a word that would pass 76. */
function fold(field: string, tokens: string[]): string {
  const lines: string[] = [];
  let line = `${field}:`;
  for (const token of tokens) {
    if (line.length + 1 + token.length > FOLD_AT && line.trim() !== '') {
      lines.push(line);
      line = '';
    }
    line += ` ${token}`;
  }
  lines.push(line);
  for (const l of lines) {
    if (Buffer.byteLength(l) > MAX_LINE) {
      throw new MimeFormatError(`header ${field} has a word too long for one line (over ${MAX_LINE} octets)`);
    }
  }
  return lines.join(CRLF);
}

/**
 * RFC 2047 encoded-words of UTF-8 text, each at most 75 characters and holding whole characters:
 * the first fits `firstRoom` (the rest of the header's first line), the others a line of their own.
 * Q when most of the text is plain ASCII (readable in the raw source), B otherwise.
 */
export function encodedWords(text: string, firstRoom: number): string[] {
  const chars = Array.from(text);
  const qLength = chars.reduce((n, c) => n + qEncode(c).length, 0);
  const bLength = Math.ceil(Buffer.byteLength(text) / 3) * 4;
  const q = qLength <= bLength;
  const open = q ? '=?UTF-8?Q?' : '=?UTF-8?B?';
  // Too little room left on the first line: start the encoded text on a line of its own.
  let room = Math.min(firstRoom < 30 ? 75 : firstRoom, 75) - open.length - 2;
  const out: string[] = [];
  let piece: string[] = [];
  let used = 0;
  const flush = () => {
    if (piece.length === 0) return;
    const payload = q ? piece.join('') : Buffer.from(piece.join(''), 'utf8').toString('base64');
    out.push(`${open}${payload}?=`);
    piece = [];
    used = 0;
    room = 75 - open.length - 2;
  };
  for (const c of chars) {
    const size = q ? qEncode(c).length : Buffer.byteLength(c);
    // B: base64 of n bytes takes ceil(n/3)*4 characters.
    const fits = q ? used + size <= room : Math.ceil((used + size) / 3) * 4 <= room;
    if (!fits) flush();
    piece.push(q ? qEncode(c) : c);
    used += size;
  }
  flush();
  return out;
}

/** Q encoding with only the characters RFC 2047 (5.3) allows in a phrase, so it is valid anywhere. */
function qEncode(char: string): string {
  if (/^[A-Za-z0-9!*+/-]$/.test(char)) return char;
  if (char === ' ') return '_';
  let out = '';
  for (const byte of Buffer.from(char, 'utf8')) out += `=${hex(byte)}`;
  return out;
}

const hex = (byte: number) => byte.toString(16).toUpperCase().padStart(2, '0');

/** `Fri, 04 Dec 2026 22:51:59 +0000` (RFC 5322 3.3, in UTC). */
function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/**
 * Quoted-printable (RFC 2045 6.7) of UTF-8 text, any of CRLF, LF or CR read as a line break and
 * written as CRLF. Encoded lines are at most 76 characters; a space or tab ending a line is encoded;
 * a line that starts with "." or "From " has its first character encoded, so neither SMTP
 * dot-stuffing nor an mbox "From " escape can alter it.
 */
export function quotedPrintable(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(quotedPrintableLine)
    .join(CRLF);
}

function quotedPrintableLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    const last = i === bytes.length - 1;
    let token = literal(byte, last) ? String.fromCharCode(byte) : `=${hex(byte)}`;
    // A soft-broken line keeps a column for its "="; the line's end needs none.
    if (current.length + token.length > (last ? 76 : 75)) {
      out.push(`${current}=`);
      current = '';
    }
    if (current === '' && (byte === 0x2e || (byte === 0x46 && startsFrom(bytes, i)))) token = `=${hex(byte)}`;
    current += token;
  }
  out.push(current);
  return out.join(CRLF);
}

function literal(byte: number, last: boolean): boolean {
  if (byte === 0x20 || byte === 0x09) return !last;
  return byte >= 0x21 && byte <= 0x7e && byte !== 0x3d;
}

const FROM_SPACE = Buffer.from('From ');
const startsFrom = (bytes: Buffer, at: number) => bytes.subarray(at, at + 5).equals(FROM_SPACE);
