import { CodedError } from '../errors/coded-error';

/**
 * Codes of the plan and unit-catalog refusals (`UNKNOWN_UNIT`: a unit id named that the catalog does not
 * hold with a fitting kind). `PLAN_FORMAT_INVALID` is a malformed body (HTTP 400);
 * `COMMITTEE_REQUIRED` is an unscoped route in a deployment of several committees (HTTP 400);
 * the others are refusals of a well-formed request (HTTP 422).
 */
export const PLAN_ERROR_CODES = [
  'PLAN_FORMAT_INVALID',
  'UNKNOWN_UNIT',
  'AMBIGUOUS_UNIT_NAMES',
  'UNIT_PARENT_INVALID',
  'COMMITTEE_REQUIRED',
] as const;

export type PlanErrorCode = (typeof PLAN_ERROR_CODES)[number];

/**
 * A plan or unit that cannot be accepted as given. Shaped like the domain's `DomainError`
 * (`code`, `message`, `details`), so the HTTP edge and the CLI report it the same way.
 */
export class PlanError extends CodedError<PlanErrorCode> {
  override readonly name = 'PlanError';
}
