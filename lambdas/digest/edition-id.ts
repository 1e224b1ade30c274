/**
 * What an edition's id looks like and where its pages live, apart from the composing code, so the
 * archive's readers (the web function) load none of the renderer.
 */
import type { EditionPage } from '../store/ports';

export const EDITION_ID_LENGTH = 16;
const EDITION_ID = /^[0-9a-f]{16}$/;

export const isEditionId = (s: string) => EDITION_ID.test(s);

/** `/archive/DATE/ID`, and `/archive/DATE/ID/all` for the full list. */
export function editionPath(date: string, id: string, which: EditionPage = 'view'): string {
  return `/archive/${date}/${id}${which === 'all' ? '/all' : ''}`;
}
