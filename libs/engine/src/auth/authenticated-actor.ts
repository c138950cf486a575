import type { Actor } from '@ketnap/event-store';
import type { Role } from './permissions';

/** Who sent a request, as its token says. */
export interface AuthenticatedActor {
  sub: string;
  name?: string;
  role: Role;
  /** Units the actor may act for (`units` claim). */
  units: string[];
}

/** The actor as recorded in event metadata. */
export const toEventActor = (actor: AuthenticatedActor): Actor => ({
  sub: actor.sub,
  role: actor.role,
  unitIds: [...actor.units],
});
