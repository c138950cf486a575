import type { StepCorrected, StepEvent } from './events';

/** `changes` over `data`: a `null` value removes an optional field. */
function merge(data: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...data };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null || value === undefined) delete merged[field];
    else merged[field] = value;
  }
  return merged;
}

/** The step as it reads after a correction; the type of step never changes. */
export function applyCorrection(event: StepEvent, correction: StepCorrected['data']): StepEvent {
  const data = merge(event.data as unknown as Record<string, unknown>, correction.changes);
  if (event.type === 'CandidateNominated' && correction.personal) {
    data.personal = merge(event.data.personal as unknown as Record<string, unknown>, correction.personal);
  }
  if (correction.targetRuleSet === undefined) delete data.ruleSet;
  else data.ruleSet = correction.targetRuleSet;
  return { type: event.type, data } as StepEvent;
}
