import {
  EVENT_COMMANDS,
  nextSteps,
  STEP_COMMANDS,
  type NextStep,
  type DossierCommand,
  type KeyOfCode,
  type DossierCommandType,
  type DossierState,
} from '@ketnap/domain';
import { AccessDeniedError } from '../commands/refusals';
import { ActorScope, dossierUnitFor, type ScopedActor } from './actor-scope';
import { hasPermission, type Permission } from './permissions';

/**
 * The permission each dossier command needs (API.md "Roles"); `system` commands come from the engine
 * itself (the deadline saga), never from a request.
 */
export const COMMAND_PERMISSIONS: Readonly<Record<DossierCommandType, Permission | 'system'>> = {
  NominateCandidate: 'dossiers:nominate',
  AssignHelpers: 'steps:branch',
  RecordTraining: 'steps:branch',
  SubmitApplication: 'steps:branch',
  RecordBackgroundVerification: 'steps:branch',
  RecordIntroducers: 'steps:branch',
  CollectOpinions: 'steps:branch',
  RecordBranchResolution: 'steps:branch',
  RecordCommitteeResolution: 'steps:committee',
  RecordAdmissionDecision: 'steps:decision',
  ExtendDecisionDeadline: 'steps:decision',
  HoldCeremony: 'steps:branch',
  ApproveCeremonyDelay: 'steps:decision',
  RecordRecognitionReview: 'steps:branch',
  RecordRecognitionResolution: 'steps:committee',
  RecordRecognitionDecision: 'steps:decision',
  AssignProbationHelpers: 'steps:branch',
  FileMemberProfile: 'steps:branch',
  RecordNewMemberClass: 'steps:branch',
  TransferDossier: 'steps:committee',
  EndMembership: 'steps:decision',
  WithdrawCandidate: 'steps:branch',
  CorrectStep: 'steps:correct',
  RecordDeadlineBreach: 'system',
  WithdrawDeadlineBreach: 'system',
  ErasePersonalData: 'personal:erase',
};

/**
 * The permissions a command needs on this dossier: a correction needs `steps:correct` and the
 * permission of the step it corrects, found by its event id in the dossier (not the latest step of
 * that name).
 */
export function permissionsFor(command: DossierCommand, state: DossierState): Array<Permission | 'system'> {
  const own = COMMAND_PERMISSIONS[command.type] ?? 'system';
  if (command.type !== 'CorrectStep') return [own];
  const target = state.records.find((r) => r.eventId === command.data.eventId)?.event.type;
  return target === undefined ? [own] : [own, COMMAND_PERMISSIONS[EVENT_COMMANDS[target]]];
}

/** The check a write passes before deciding (the dossier as it is) and after (the dossier as it would be). */
export interface WriteAccess {
  before(state: DossierState): void;
  after(state: DossierState): void;
}

/**
 * API.md "Access" for one dossier command: the role holds the command's permissions, and the actor
 * acts for the dossier's unit before the change and after it, so a correction (or a transfer) can
 * move a dossier neither out of the actor's reach nor into it.
 */
export function writeAccess(actor: ScopedActor, command: DossierCommand, scope: ActorScope): WriteAccess {
  const inScope = (state: DossierState, refusal: KeyOfCode<'FORBIDDEN'>) => {
    if (!scope.covers(dossierUnitFor(actor.role, state))) throw new AccessDeniedError(refusal);
  };
  return {
    before(state) {
      const missing = permissionsFor(command, state).filter((p) => p === 'system' || !hasPermission(actor.role, p));
      if (missing.length > 0) throw new AccessDeniedError('FORBIDDEN', { role: actor.role, permissions: missing });
      if (state.exists) inScope(state, 'FORBIDDEN.units-record-steps');
    },
    after(state) {
      inScope(state, command.type === 'NominateCandidate' ? 'FORBIDDEN.units-nominate' : 'FORBIDDEN.units-move');
    },
  };
}

/** API.md "Access" for reading a dossier: the actor acts for its unit in every state it reads (today's and the one as of a date). */
export function assertReadable(actor: ScopedActor, scope: ActorScope, ...states: DossierState[]): void {
  for (const state of states) {
    if (state.exists && !scope.covers(dossierUnitFor(actor.role, state))) {
      throw new AccessDeniedError('FORBIDDEN.units-read-dossier');
    }
  }
}

/**
 * The steps the actor may record next on this dossier: those the procedure's order allows
 * (`nextSteps`), which the actor's role may record, on a dossier within the actor's units; none for a
 * role that writes no step (viewer, inspector). The step's own rules are judged when it is sent.
 */
export function recordableSteps(actor: ScopedActor, scope: ActorScope, state: DossierState): NextStep[] {
  if (!scope.covers(dossierUnitFor(actor.role, state))) return [];
  return nextSteps(state).filter((step) => {
    const permission = COMMAND_PERMISSIONS[STEP_COMMANDS[step]];
    return permission !== 'system' && hasPermission(actor.role, permission);
  });
}
