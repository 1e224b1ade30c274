/**
 * Characters a reader cannot see but that change what they see (issue 12 item 9): bidi embeddings,
 * overrides and isolates (U+202A-202E, U+2066-2069), which can make `moc.rawitna` read as
 * `antiwar.com`; zero-width and invisible formatting characters (U+200B, U+2060-2064, U+FEFF,
 * U+180E, U+FFF9-FFFB) and Unicode tag characters (U+E0000-E007F), which hide text; and C0/C1
 * control characters other than tab and line breaks. Kept on purpose: ZWJ and ZWNJ (U+200C, U+200D),
 * which Persian, Indic scripts and emoji need, and the directional marks LRM, RLM and ALM, which
 * right-to-left text uses for punctuation and cannot reorder text the way overrides do.
 */
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u180e\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

/** Removes the invisible and bidi control characters above; everything else is left as it is. */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}
