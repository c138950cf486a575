import type { StepCorrected, StepEventType } from './events';
import { splitPersonal, toStoredData } from '../events/personal-part';

type Fields = Record<string, unknown>;

/**
 * Schema version 1 of a step stored every field as its command named it; version 2 moves the fields
 * that name or describe a person under `personal` (see `personal-part.ts`).
 */
export const stepFromV1 =
  (type: StepEventType) =>
  (data: Fields): Fields =>
    toStoredData(type, data);

/** A `StepCorrected` of schema version 1: the candidate's corrected fields under `personal`, all others in `changes`. */
export interface StepCorrectedV1 extends Omit<StepCorrected['data'], 'personal'> {
  personal?: Fields;
  reason: string;
}

/**
 * Version 1 of a correction kept its reason and the new values of a step's personal fields (other
 * than the candidate's) outside `personal`; version 2 puts the reason in `personal.reason` and the
 * new values of the step's personal part in `personal.changes`, in the step's stored shape.
 */
export function stepCorrectedFromV1({ changes, personal, reason, ...rest }: StepCorrectedV1): StepCorrected['data'] {
  const split =
    rest.targetType === 'CandidateNominated'
      ? { plain: changes, personal: {} }
      : splitPersonal(rest.targetType, changes);
  const moved = { ...personal, ...split.personal };
  return {
    ...rest,
    changes: split.plain,
    personal: { reason, ...(Object.keys(moved).length > 0 && { changes: moved }) },
  };
}
