/** Everything from feeds reaches the digest through these (R26, R28). */
import { escapeHtmlChars } from '../shared/html';

// C0 controls are invalid in HTML and in mail text; removing them also keeps feed text from ever
// forging the \u0001 slot markers that per-subscriber links are substituted into.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Text to show in HTML, safe in element content and in quoted attributes. */
export function escapeHtml(text: string): string {
  return escapeHtmlChars(cleanText(text));
}

/** Feed text for the plain-text part: no controls, whitespace collapsed. */
export function cleanText(text: string): string {
  return text.replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
}

/** The URL when it is absolute http(s), else undefined: such links are shown as plain text. */
export function safeHttpUrl(url: string): string | undefined {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
