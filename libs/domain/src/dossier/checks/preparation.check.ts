import { DomainError } from '../../errors/domain-error';
import type { LocalDate } from '../../time/local-date';
import type { DecideContext } from '../context';
import { ruleSetFor, todayOf } from '../context';
import type {
  ApplicationSubmitted,
  BackgroundVerified,
  CandidateNominated,
  HelpersAssigned,
  IntroducersRecorded,
  OpinionsCollected,
  TrainingCompleted,
} from '../events';
import { notBefore, notInFuture } from '../rules/dates.rule';
import { checkIntroducers } from '../rules/introducers.rule';
import { candidateFacts } from '../decide/erase-personal';
import { STEP_ORDER } from '../rules/order.rule';
import { checkNominationUnits } from '../rules/units.rule';
import type { DossierState } from '../state';

/** The step's legal date: not in the future, not before the previous step. */
export function checkDated(date: LocalDate, field: string, d: DossierState, ctx: DecideContext): void {
  notInFuture(date, field, todayOf(ctx));
  notBefore(date, field, d.lastStepOn, 'previous-step');
}

/**
 * A preparation step's legal date (helpers, application, verification, introducers, opinions): not in
 * the future, not before the nomination nor the latest failed branch vote. The law does not order
 * these steps among themselves, so their dates may come in any order relative to each other (an
 * office's paper dossier often has them so); the branch resolution is dated on or after all of them.
 */
export function checkPreparationDated(date: LocalDate, field: string, d: DossierState, ctx: DecideContext): void {
  notInFuture(date, field, todayOf(ctx));
  const failedVote = d.failedBranchVotes.at(-1)?.meetingOn;
  if (failedVote !== undefined) notBefore(date, field, failedVote, 'failed-branch-vote');
  else notBefore(date, field, d.nomination?.nominatedOn, 'nomination');
}

/** Step 1, nomination (giới thiệu quần chúng ưu tú): opens the dossier. */
export function checkNomination(data: CandidateNominated['data'], d: DossierState, ctx: DecideContext): void {
  if (d.exists) throw new DomainError('DOSSIER_ALREADY_EXISTS');
  checkDated(data.nominatedOn, 'nominatedOn', d, ctx);
  // A nomination being decided carries its candidate: only a stored one reads null after an erasure.
  if (data.personal) notInFuture(data.personal.birthDate, 'candidate.birthDate', todayOf(ctx));
  checkNominationUnits(data, ctx.units);
}

/** Step 2: the branch assigns official members to help (phân công đảng viên giúp đỡ). */
export function checkHelpers(data: HelpersAssigned['data'], d: DossierState, ctx: DecideContext): void {
  STEP_ORDER['helper-assigned'](d);
  checkPreparationDated(data.assignedOn, 'assignedOn', d, ctx);
}

/**
 * Step 3: the awareness class (lớp bồi dưỡng nhận thức về Đảng). The certificate may be older than
 * the nomination (it stays valid 60 months), so only its future dates are refused here; its validity
 * is judged at the branch meeting.
 */
export function checkTraining(data: TrainingCompleted['data'], d: DossierState, ctx: DecideContext): void {
  STEP_ORDER['training-completed'](d);
  notInFuture(data.issuedOn, 'issuedOn', todayOf(ctx));
}

/** Step 4: the handwritten application (đơn xin vào Đảng, 1-KNĐ). */
export function checkApplication(data: ApplicationSubmitted['data'], d: DossierState, ctx: DecideContext): void {
  STEP_ORDER['application-submitted'](d);
  checkPreparationDated(data.submittedOn, 'submittedOn', d, ctx);
}

/** Step 6: background verification (thẩm tra lý lịch); a failed one can be followed by a new one. */
export function checkBackground(data: BackgroundVerified['data'], d: DossierState, ctx: DecideContext): void {
  STEP_ORDER['background-verified'](d);
  checkPreparationDated(data.completedOn, 'completedOn', d, ctx);
}

/** Step 7: the introducers (người giới thiệu, 3-KNĐ / 4-KNĐ). */
export function checkIntroducersStep(data: IntroducersRecorded['data'], d: DossierState, ctx: DecideContext): void {
  STEP_ORDER['introducers-recorded'](d);
  checkPreparationDated(data.recordedOn, 'recordedOn', d, ctx);
  const { parameters } = ruleSetFor(data.recordedOn, ctx);
  checkIntroducers(data.introducers, data.recordedOn, candidateFacts(d), parameters, data.noYouthUnionBase);
}

/** Step 8: opinions of the mass organisations and the residence cell (nhận xét, 5-KNĐ). */
export function checkOpinions(data: OpinionsCollected['data'], d: DossierState, ctx: DecideContext): void {
  STEP_ORDER['opinions-collected'](d);
  checkPreparationDated(data.collectedOn, 'collectedOn', d, ctx);
}
