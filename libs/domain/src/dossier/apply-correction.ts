import { withData } from '../events/event-data';
import type { StepCorrected, StepEvent } from './events';

/** `changes` over a copy of `data`: a `null` value removes an optional field. */
function merge(data: object, changes: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...data };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null || value === undefined) delete merged[field];
    else merged[field] = value;
  }
  return merged;
}

/** The step as it reads after a correction; the type of step never changes. */
export function applyCorrection(event: StepEvent, correction: StepCorrected['data']): StepEvent {
  const data = merge(event.data, correction.changes);
  // After an erasure both the correction's personal part and the step's read null: nothing to merge.
  const personal = correction.personal?.changes;
  if (personal !== undefined && 'personal' in event.data && event.data.personal !== null)
    data.personal = merge(event.data.personal, personal);
  if (correction.targetRuleSet === undefined) delete data.ruleSet;
  else data.ruleSet = correction.targetRuleSet;
  return withData(event, data);
}
