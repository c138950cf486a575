import { DomainError } from '../../errors/domain-error';
import type { KeyOfCode } from '../../messages/catalogue';
import type { MessageParams } from '../../messages/message-text';
import type { DerivedDossier } from '../state';

/** DOMAIN.md §2: each step needs the one before it (hồ sơ đi đúng trình tự). */
export function requireStep(
  ok: boolean,
  key: KeyOfCode<'STEP_OUT_OF_ORDER'>,
  d: DerivedDossier,
  params?: MessageParams,
): void {
  if (!ok) throw new DomainError(key, params, { stage: d.stage });
}

/** The steps that may be recorded again until the branch proposes admission. */
export type RepeatableStep = 'helper-assignment' | 'training' | 'background' | 'introducers' | 'opinions';

/** Preparation steps may be recorded again (new helper, new certificate, renewal) until the branch proposes admission. */
export function beforeBranchProposal(d: DerivedDossier, step: RepeatableStep): void {
  requireStep(d.branchResolution === undefined, 'STEP_OUT_OF_ORDER.after-branch-proposal', d, {
    step: { key: `step.${step}` },
  });
}
