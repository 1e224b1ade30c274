/**
 * Actor and topic analysis of one article: pure, synchronous, data loaded once per process.
 *
 * Steps: cut what is not the article (footer, bio, comments) defensively; tokenize title and
 * body; detect actors (gazetteer, then rules for names it lacks); classify topics with the
 * trained model (classify.ts), each with the sentence that supports it most.
 */
import type { Analysis } from '../shared/types';
import { detectActors } from './actors';
import { actorTokens, readArticle } from './article';
import { classifyTopics } from './classify';
import modelData from './data/topic-model.json';
import { type ActorDef, buildGazetteer } from './gazetteer';
import { TopicModel, type TopicModelData } from './topic-model';

export { isTopicId, TOPIC_IDS, TOPICS, topicLabel } from './topics';

const gazetteer = buildGazetteer();
const model = new TopicModel(modelData as unknown as TopicModelData);

export interface AnalyzeInput {
  title: string;
  /** Cleaned article body, paragraphs separated by a blank line. */
  text: string;
}

export function analyze(input: AnalyzeInput): Analysis {
  const article = readArticle(input);
  const actors = detectActors(actorTokens(article), gazetteer);
  const topics = classifyTopics(article, model);
  return { actors, topics };
}

/**
 * Canonical actors a person might mean by `query`, best first: a name or alias as analysis reads
 * it ("Shoigu's ministry" aside), else people whose surname it is. Used by `actors show NAME`.
 */
export function findActors(query: string): Pick<ActorDef, 'id' | 'name' | 'type'>[] {
  const q = query.trim();
  if (!q) return [];
  const named = analyze({ title: q, text: '' }).actors;
  if (named.length > 0) return named.map(({ id, name, type }) => ({ id, name, type }));
  const lower = q.toLowerCase();
  const words = (a: ActorDef) => a.name.toLowerCase().split(' ');
  // Western surnames come last, Korean and Chinese family names first ("Kim" of Kim Jong Un).
  const last = gazetteer.actors.filter((a) => a.type === 'person' && words(a).at(-1) === lower);
  const first = gazetteer.actors.filter(
    (a) => a.type === 'person' && words(a).length > 2 && words(a)[0] === lower,
  );
  return [...last, ...first].map(({ id, name, type }) => ({ id, name, type }));
}
