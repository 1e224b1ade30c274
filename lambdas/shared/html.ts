/** HTML escaping shared by the email renderer and the web pages (R28). */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe in element content and in quoted attributes. */
export function escapeHtmlChars(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
