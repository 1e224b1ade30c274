/**
 * One input record of the `analyze` command or of a labelled set ({id, title, html?, text?, url?, outlet?})
 * turned into the title and clean text analysis reads: HTML goes through the feeds capability's
 * cleanArticle, as ingest does, so training, evaluation and the CLI read articles alike.
 */
import { cleanArticle } from '../feeds/clean';

export class AnalyzeInputError extends Error {
  override name = 'AnalyzeInputError';
}

export interface InputLine {
  id?: unknown;
  title?: unknown;
  html?: unknown;
  text?: unknown;
  url?: unknown;
  outlet?: unknown;
}

/** Title and cleaned text of one parsed input object; throws AnalyzeInputError on a bad shape. */
export function recordInput(rec: InputLine): { id: string; title: string; text: string; outlet?: string } {
  if (!rec || typeof rec !== 'object') throw new AnalyzeInputError('line is not a JSON object');
  const id = typeof rec.id === 'string' || typeof rec.id === 'number' ? String(rec.id) : undefined;
  if (!id) throw new AnalyzeInputError('missing "id"');
  const title = typeof rec.title === 'string' ? rec.title : '';
  let text: string;
  if (typeof rec.text === 'string') text = rec.text;
  else if (typeof rec.html === 'string') {
    text = cleanArticle({
      html: rec.html,
      title,
      baseUrl: typeof rec.url === 'string' ? rec.url : undefined,
    }).text;
  } else throw new AnalyzeInputError('needs "text" or "html"');
  const outlet = typeof rec.outlet === 'string' && rec.outlet.trim() ? rec.outlet.trim() : undefined;
  return { id, title, text, outlet };
}
