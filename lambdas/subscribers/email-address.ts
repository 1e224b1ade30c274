/**
 * Address validation. The rule is the WHATWG HTML one that browsers apply to <input type=email>, so
 * the form and the server agree; on top of it we refuse what SES or mailbox providers refuse anyway
 * (dot misuse, over-long parts, single-label domains) and anything that could inject a header.
 */
import { domainToASCII } from 'node:url';
import { InvalidEmailError } from './errors';

const LOCAL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+$/;
const LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
const TLD = /^(?:[a-zA-Z]{2,63}|xn--[a-zA-Z0-9-]{1,59})$/;

export const MAX_EMAIL_LENGTH = 254;

/** Trims, lower-cases and punycodes the domain; keeps the local part as typed (it may be case-sensitive). */
export function normalizeEmail(input: string): string {
  const raw = input.trim();
  if (raw === '') throw new InvalidEmailError('please enter your email address');
  if (raw.length > MAX_EMAIL_LENGTH) throw new InvalidEmailError('that address is too long');
  // Control characters and line breaks are how header injection starts; spaces and commas mean a list.
  if (/[\u0000-\u001f\u007f\s,;<>"]/.test(raw)) {
    throw new InvalidEmailError('an email address cannot contain spaces, commas, quotes or angle brackets');
  }
  const at = raw.lastIndexOf('@');
  if (at <= 0 || at === raw.length - 1 || raw.indexOf('@') !== at) {
    throw new InvalidEmailError('that does not look like an email address (name@example.org)');
  }
  const local = raw.slice(0, at);
  const domainInput = raw.slice(at + 1);
  if (
    local.length > 64 ||
    !LOCAL.test(local) ||
    local.startsWith('.') ||
    local.endsWith('.') ||
    local.includes('..')
  ) {
    throw new InvalidEmailError('the part before the @ is not valid');
  }
  const domain = domainToASCII(domainInput.toLowerCase());
  const labels = domain.split('.');
  if (
    domain === '' ||
    domain.length > 253 ||
    labels.length < 2 ||
    !labels.every((l) => LABEL.test(l)) ||
    !TLD.test(labels[labels.length - 1]!)
  ) {
    throw new InvalidEmailError('the part after the @ is not a valid domain');
  }
  return `${local}@${domain}`;
}

/** The address with the local part shortened, for pages and logs that should not echo it whole. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return '***';
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length))}***${email.slice(at)}`;
}
