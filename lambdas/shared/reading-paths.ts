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

const ID_SLUGGED = /^gen:(?:org|person):/;
/**
 * The slug a story links an actor's page by. An article names an organisation or a person as it
 * writes it ("KFOR", "Abbas Araqchi", docs/analysis.md, "Naming"), not by the canonical name the
 * page is found by, so a body or a person with a made-up id is linked by its id's slug
 * ("gen:org:kosovo-force", "gen:person:abbas-araghchi"), which the page resolves (publisher.ts);
 * any other actor by its name's. A person the gazetteer does not hold has the name's slug as its id's.
 */
export const actorLinkSlug = (actor: { id: string; name: string }) => {
  const m = ID_SLUGGED.exec(actor.id);
  return m ? actor.id.slice(m[0].length) : slug(actor.name);
};
