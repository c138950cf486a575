import type { NominateCandidate, StepName } from '@ketnap/domain';
import type { Actor } from '@ketnap/event-store';
import type { CommandContext } from '../commands/command-context';

/** `POST /dossiers`: nominate a candidate in a new dossier. */
export class NominateCandidateCommand {
  constructor(
    readonly data: NominateCandidate['data'],
    readonly context: CommandContext,
  ) {}
}

/** `POST /dossiers/{id}/{step}`: record one step (API.md step table) of an existing dossier. */
export class RecordDossierStepCommand {
  constructor(
    readonly dossierId: string,
    readonly step: StepName,
    readonly data: Record<string, unknown>,
    readonly context: CommandContext,
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
