/**
 * An article as analysis reads it: what is not the article cut off (article-cut.ts), then title
 * and body tokenized. Shared by analyze and by training, so both read text the same way.
 */
import { cutArticle } from './article-cut';
import { type Token, tokenize } from './tokenize';

export interface ReadArticle {
  title: Token[];
  body: Token[];
  /** The article's own paragraphs, separated by a blank line; body token offsets point into it. */
  bodyText: string;
}

export function readArticle(input: { title: string; text: string }): ReadArticle {
  const bodyText = cutArticle(input.text ?? '').join('\n\n');
  const title = tokenize(input.title ?? '', 0);
  const body = tokenize(bodyText, 1);
  if (body[0]) body[0].sentStart = true;
  return { title, body, bodyText };
}

/** Title and body as one stream for actor rules: the title is its own sentence. */
export function actorTokens(a: ReadArticle): Token[] {
  const { title, body } = a;
  if (!title.length) return body;
  const last = title[title.length - 1]!;
  return [
    ...title,
    { ...last, text: '.', key: '.', lower: '.', cap: false, caps: false, word: false },
    ...body,
  ];
}
