/**
 * Auto-escaping HTML templates: every interpolated value is escaped unless it is already SafeHtml, so
 * feed and user data cannot become markup (R28). Attributes must be quoted. Twenty lines of our own
 * rather than a template engine: the pages are few and small, and this keeps the Lambda bundle lean.
 */
import { escapeHtmlChars as escapeHtml } from '../shared/html';

export { escapeHtml };
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

function render(value: unknown): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Trusted markup built elsewhere (the archive's sanitised digest). */
export const trusted = (markup: string) => new SafeHtml(markup);
