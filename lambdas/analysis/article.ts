/**
 * An article as analysis reads it: what is not the article cut off (article-cut.ts), then title
 * and body tokenized. Shared by analyze and by training, so both read text the same way.
 */
import { cutArticleParts } from './article-cut';
import { type Token, tokenize } from './tokenize';

export interface ReadArticle {
  title: Token[];
  body: Token[];
  /** The article's own paragraphs, separated by a blank line; body token offsets point into it. */
  bodyText: string;
  /**
   * Short closing paragraphs cut as comments that read as reporting (article-cut.ts), numbered on
   * from the body's: actor rules read them, the topic model does not.
   */
  tail: Token[];
}

export function readArticle(input: { title: string; text: string }): ReadArticle {
  const { kept, reportingTail } = cutArticleParts(input.text ?? '');
  const bodyText = kept.join('\n\n');
  const title = tokenize(input.title ?? '', 0);
  const body = tokenize(bodyText, 1);
  if (body[0]) body[0].sentStart = true;
  const tail = reportingTail.length ? tokenize(reportingTail.join('\n\n'), kept.length + 1) : [];
  if (tail[0]) tail[0].sentStart = true;
  return { title, body, bodyText, tail };
}

/** Title and body as one stream for actor rules: the title is its own sentence. */
export function actorTokens(a: ReadArticle): Token[] {
  const { title, tail } = a;
  const body = tail.length ? [...a.body, ...tail] : a.body;
  if (!title.length) return body;
  const last = title[title.length - 1]!;
  // Written out as tokenize writes a token, so that every token has one shape (a spread made another).
  const stop: Token = {
    text: '.',
    key: '.',
    lower: '.',
    cap: false,
    caps: false,
    word: false,
    sentStart: last.sentStart,
    hyphen: last.hyphen,
    para: last.para,
    start: last.start,
  };
  return [...title, stop, ...body];
}
