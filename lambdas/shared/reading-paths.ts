/**
 * Root-relative paths of the public reading pages beyond the archive: the Atom feeds and the actor
 * pages. The web routes, the publisher and the archive pages' links all build them here.
 */
import { slug } from './slug';

export const readingPaths = {
  topicFeed: (topicId: string) => `/feeds/topic/${topicId}.atom`,
  actorFeed: (actorSlug: string) => `/feeds/actor/${actorSlug}.atom`,
  digestFeed: () => '/feeds/digest.atom',
  actorPage: (actorSlug: string) => `/actors/${actorSlug}`,
};

/** An actor's page slug: its canonical name, made readable ("Kim Jong Un" -> "kim-jong-un"). */
export const actorSlug = (actor: { name: string }) => slug(actor.name);

const GAZETTEER_ORG = 'gen:org:';
/**
 * The slug a story links an actor's page by. An article names an organisation as it writes it
 * ("KFOR", docs/analysis.md, "Naming"), not by the canonical name the page is found by, so a
 * gazetteer body is linked by its id's slug ("gen:org:kosovo-force"), which the page resolves
 * (publisher.ts); any other actor by its name's.
 */
export const actorLinkSlug = (actor: { id: string; name: string }) =>
  actor.id.startsWith(GAZETTEER_ORG) ? actor.id.slice(GAZETTEER_ORG.length) : slug(actor.name);
