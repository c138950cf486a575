import type { ExpensiveReadLimiter } from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import { ProblemException } from '../problem/problem';

/**
 * Counts one expensive read for the actor (API.md "Access": the audit verification walks the whole
 * log; a quota report as of a past date folds dossiers from it): 429 with `Retry-After` past the limit.
 */
export function admitExpensiveRead(limiter: ExpensiveReadLimiter, actor: Actor): void {
  const wait = limiter.hit(`${actor.role}:${actor.sub}`);
  if (wait !== undefined) {
    const params = { max: limiter.limit.maxHits, wait };
    throw new ProblemException(429, 'TOO_MANY_REQUESTS.expensive-reads', params, {
      headers: { 'Retry-After': String(wait) },
    });
  }
}
