/**
 * A readable, URL-safe form of a name: "Kim Jong Un" -> "kim-jong-un", "Bashar al-Assad" ->
 * "bashar-al-assad". The analyzer names the actors it finds outside the gazetteer by it
 * (`gen:person:<slug>`), and the actor pages are found by it (`/actors/<slug>`).
 */
export function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
