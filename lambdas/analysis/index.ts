/**
 * Actor and topic analysis of one article: pure, synchronous, data loaded once per process.
 *
 * Steps: cut what is not the article (footer, bio, comments) defensively; tokenize title and
 * body; detect actors (gazetteer, then rules for names it lacks); classify topics with the
 * trained model (classify.ts), each with the sentence that supports it most.
 */
import type { Analysis } from '../shared/types';
import { sharedGazetteer } from './actor-lookup';
import { detectActors } from './actors';
import { actorTokens, readArticle } from './article';
import { classifyTopics } from './classify';
// By name: the bundler then leaves out the file's record of how the model was trained.
import { data as modelData, format as modelFormat } from './data/topic-model.json';
import { TopicModel, type TopicModelFile, unpackModel } from './topic-model';

export { type ActorRef, findActors } from './actor-lookup';
export { isTopicId, TOPIC_IDS, TOPICS, topicLabel } from './topics';

const gazetteer = sharedGazetteer();
const model = new TopicModel(unpackModel({ format: modelFormat, data: modelData } as TopicModelFile));

export interface AnalyzeInput {
  title: string;
  /** Cleaned article body, paragraphs separated by a blank line. */
  text: string;
  /** The outlet that published it ("The Namibian"): the article naming it names a body. */
  outlet?: string;
}

export function analyze(input: AnalyzeInput): Analysis {
  const article = readArticle(input);
  const actors = detectActors(actorTokens(article), gazetteer, input.outlet);
  const topics = classifyTopics(article, model);
  return { actors, topics };
}
