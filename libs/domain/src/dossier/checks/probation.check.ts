import { DomainError } from '../../errors/domain-error';
import { committeeOf } from '../../plan/org-unit';
import type { DecideContext } from '../context';
import { todayOf } from '../context';
import type {
  DossierTransferred,
  MemberProfileFiled,
  MembershipEnded,
  NewMemberClassCompleted,
  ProbationHelpersAssigned,
} from '../events';
import { notBefore, notInFuture } from '../rules/dates.rule';
import { STEP_ORDER } from '../rules/order.rule';
import { checkBranchUnit } from '../rules/units.rule';
import type { DossierState } from '../state';
import { checkDated } from './preparation.check';

/**
 * The date of a step of probation (Party Charter Art. 5.1), which comes after the ceremony and before
 * the recognition decision (`STEP_ORDER`; a closed dossier takes no step): from the ceremony on.
 * Probation steps change no stage and do not bound the dates of the review or the decisions.
 */
function duringProbation(date: string, field: string, d: DossierState, ctx: DecideContext): void {
  notInFuture(date, field, todayOf(ctx));
  notBefore(date, field, d.ceremony?.heldOn, 'ceremony');
}

/** During probation the branch assigns official members to help the new member; may be recorded again (a new helper). */
export function checkProbationHelpers(
  data: ProbationHelpersAssigned['data'],
  d: DossierState,
  ctx: DecideContext,
): void {
  STEP_ORDER['probation-helper-assigned'](d);
  duringProbation(data.assignedOn, 'assignedOn', d, ctx);
}

/** The party member's background (lý lịch đảng viên), filed once during probation. */
export function checkMemberProfile(data: MemberProfileFiled['data'], d: DossierState, ctx: DecideContext): void {
  STEP_ORDER['member-profile-filed'](d);
  duringProbation(data.filedOn, 'filedOn', d, ctx);
}

/** The new-member class (lớp bồi dưỡng đảng viên mới), recorded once during probation. */
export function checkNewMemberClass(data: NewMemberClassCompleted['data'], d: DossierState, ctx: DecideContext): void {
  STEP_ORDER['new-member-class-completed'](d);
  duringProbation(data.issuedOn, 'issuedOn', d, ctx);
}

/**
 * The dossier moves to another branch of the same party committee (after the 2025 commune mergers,
 * a village branch split or merged): dated on or after the latest step, so what each branch held is
 * told by date; the steps before it stay as they were.
 */
export function checkTransfer(data: DossierTransferred['data'], d: DossierState, ctx: DecideContext): void {
  checkDated(data.transferredOn, 'transferredOn', d, ctx);
  checkBranchUnit('toBranchId', data.toBranchId, ctx.units);
  const figures = { fromBranchId: data.fromBranchId, toBranchId: data.toBranchId };
  if (data.toBranchId === data.fromBranchId)
    throw new DomainError('TRANSFER_NOT_ALLOWED.same-branch', figures, figures);
  if (committeeOf(data.toBranchId, ctx.units) !== committeeOf(data.fromBranchId, ctx.units))
    throw new DomainError('TRANSFER_NOT_ALLOWED.other-committee', figures, figures);
}

/**
 * Membership ends during probation outside the recognition decision: removal from the list (xóa tên,
 * stage `removed`) or death (stage `ended`). It closes the dossier and every obligation still open.
 */
export function checkMembershipEnded(data: MembershipEnded['data'], d: DossierState, ctx: DecideContext): void {
  STEP_ORDER['membership-ended'](d);
  checkDated(data.endedOn, 'endedOn', d, ctx);
}
