import { DomainError } from '../../errors/domain-error';
import type { CandidatePersonal, ErasePersonalData } from '../commands';
import { ruleSetFor, todayOf, type DecideContext } from '../context';
import type { PersonalDataErased } from '../events';
import type { DossierState } from '../state';

const erased = (state: DossierState) =>
  new DomainError(
    'PERSONAL_DATA_ERASED',
    { erasedOn: state.erasure?.erasedOn ?? '' },
    { erasedOn: state.erasure?.erasedOn },
  );

/**
 * The erasure of the candidate's personal data (API.md "Personal data"), dated today. Once per
 * dossier: a second one is refused, since there is nothing left to erase. The engine destroys the
 * dossier's key when the event is stored.
 */
export function erasePersonalData(
  data: ErasePersonalData['data'],
  state: DossierState,
  ctx: DecideContext,
): PersonalDataErased[] {
  if (state.erasure) throw erased(state);
  const erasedOn = todayOf(ctx);
  return [{ type: 'PersonalDataErased', data: { ...data, erasedOn, ruleSet: ruleSetFor(erasedOn, ctx).id } }];
}

/**
 * The candidate's data a rule reads (age, education, youth union membership). Once erased it is gone,
 * and a step judged on it can no longer be recorded.
 */
export function candidateFacts(state: DossierState): CandidatePersonal {
  const personal = state.nomination?.personal;
  if (!personal) throw erased(state);
  return personal;
}
