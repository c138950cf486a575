import { DomainError } from '../../errors/domain-error';
import type { DerivedDossier } from '../state';

/** DOMAIN.md §2: each step needs the one before it (hồ sơ đi đúng trình tự). */
export function requireStep(ok: boolean, message: string, d: DerivedDossier): void {
  if (!ok) throw new DomainError('STEP_OUT_OF_ORDER', message, { stage: d.stage });
}

/** Preparation steps may be recorded again (new helper, new certificate, renewal) until the branch proposes admission. */
export function beforeBranchProposal(d: DerivedDossier, step: string): void {
  requireStep(
    d.branchResolution === undefined,
    `The branch has already proposed admission; the ${step} can no longer be recorded. Use a correction to fix it.`,
    d,
  );
}
