import type { NominateCandidate, StepName } from '@ketnap/domain';
import type { Actor } from '@ketnap/event-store';
import type { WriteContext } from '../http/write-context';

/** `POST /dossiers`: nominate a candidate in a new dossier. */
export class NominateCandidateCommand {
  constructor(
    readonly data: NominateCandidate['data'],
    readonly context: WriteContext,
  ) {}
}

/** `POST /dossiers/{id}/{step}`: record one step (API.md step table) of an existing dossier. */
export class RecordDossierStepCommand {
  constructor(
    readonly dossierId: string,
    readonly step: StepName,
    readonly data: Record<string, unknown>,
    readonly context: WriteContext,
  ) {}
}

/** `GET /dossiers/{id}?asOf=`, read by `actor` (its units must reach the dossier today and as of then). */
export class GetDossierQuery {
  constructor(
    readonly dossierId: string,
    readonly actor: Actor,
    readonly asOf?: string,
  ) {}
}

/** `GET /dossiers/{id}/history`, read by `actor`. */
export class GetDossierHistoryQuery {
  constructor(
    readonly dossierId: string,
    readonly actor: Actor,
  ) {}
}

/** `GET /audit/verify`. */
export class VerifyAuditQuery {}
