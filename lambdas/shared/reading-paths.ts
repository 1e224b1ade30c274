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
