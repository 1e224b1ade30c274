/** Read-modify-write of a subscriber, repeated when a concurrent writer got there first (STYLE 19). */
import type { Subscriber } from '../shared/types';
import { EmailTakenError, SubscriberConflictError } from '../store/ports';
import type { SubscriberRecord } from './deps';

/**
 * Attempts before a conflict is reported. Each lost race means another writer landed, so a handful
 * is enough for the few people who can act on one address at once.
 */
export const MAX_ATTEMPTS = 8;

/**
 * Runs `work` (read, decide, conditional write, then any email) until its write lands. Work must
 * do nothing irreversible before its write: an email goes out only after the write succeeded.
 */
export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const conflict = err instanceof SubscriberConflictError || err instanceof EmailTakenError;
      if (!conflict || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}

/** The store's conditional put, typed with this capability's extra fields. */
export function save(
  deps: { subscribers: { put(s: Subscriber): Promise<Subscriber> } },
  next: SubscriberRecord,
): Promise<SubscriberRecord> {
  return deps.subscribers.put(next) as Promise<SubscriberRecord>;
}
