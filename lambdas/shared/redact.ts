/**
 * Email addresses out of free text (SES error messages quote the recipient), so a stored or logged
 * error holds no address: what a reader's deletion must leave nothing of.
 */
const ADDRESS = /[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+\.[^\s<>()[\]"',;:@.]+/g;

export function redactAddresses(text: string): string {
  return text.replace(ADDRESS, '<address>');
}
