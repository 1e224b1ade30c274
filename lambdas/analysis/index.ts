/**
 * Actor and topic analysis of one article: pure, synchronous, data loaded once per process.
 *
 * Steps: cut what is not the article (footer, bio, comments) defensively; tokenize title and
 * body; detect actors (gazetteer, then rules for names it lacks); score topics from weighted
 * phrases, the title counting more.
 */
import type { Analysis } from '../shared/types';
import { detectActors } from './actors';
import { cutArticle } from './article-cut';
import { buildGazetteer } from './gazetteer';
import { tokenize } from './tokenize';
import { pickTopics, rawTopicScores } from './topic-scores';

export { isTopicId, TOPIC_IDS, TOPICS, topicLabel } from './topics';

const gazetteer = buildGazetteer();

export interface AnalyzeInput {
  title: string;
  /** Cleaned article body, paragraphs separated by a blank line. */
  text: string;
}

export function analyze(input: AnalyzeInput): Analysis {
  const paras = cutArticle(input.text ?? '');
  const title = tokenize(input.title ?? '', 0);
  const body = tokenize(paras.join('\n\n'), 1);
  // The title is its own sentence: nothing in it runs on into the body.
  const all = title.length
    ? [
        ...title,
        {
          ...title[title.length - 1]!,
          text: '.',
          key: '.',
          lower: '.',
          cap: false,
          caps: false,
          word: false,
        },
        ...body,
      ]
    : body;
  if (body[0]) body[0].sentStart = true;
  const actors = detectActors(all, gazetteer);
  const topics = pickTopics(rawTopicScores(title, body));
  return { actors, topics };
}
